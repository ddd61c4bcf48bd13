/** China time as "YYYY-MM-DD HH:mm", and back (null when the text is not such a time). */
export { chinaDateTime as toLocal, fromChinaDateTime as fromLocal } from '@contracts/china-time';
