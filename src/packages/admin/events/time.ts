import { toChinaTime } from '../components/form/datetime';
import { chinaClock } from '@contracts/china-time';

/** "2027-05-29 09:00" in Beijing time. */
export const toBjInput = toChinaTime;
export const bjClock = (iso: string): string => chinaClock(iso, true);
