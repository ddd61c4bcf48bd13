import { chinaClock, chinaDateWords } from '@contracts/china-time';
/** Times are shown in Beijing time whatever the phone's zone: the association works on it. */
export const fmtDate = (iso: string): string => chinaDateWords(iso);
export const fmtTime = (iso: string): string => chinaClock(iso);
export function fmtDateTime(iso: string): string {
  return `${fmtDate(iso)} ${fmtTime(iso)}`;
}
export function fmtRange(startIso: string, endIso: string): string {
  return fmtDate(startIso) === fmtDate(endIso) ? `${fmtDateTime(startIso)}–${fmtTime(endIso)}` : `${fmtDateTime(startIso)} 至 ${fmtDateTime(endIso)}`;
}
