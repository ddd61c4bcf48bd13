/** Times are shown in Beijing time whatever the phone's zone: the association works on it. */
const pad = (n: number) => String(n).padStart(2, '0');
export function bj(iso: string): Date {
  return new Date(Date.parse(iso) + 8 * 3600_000);
}
export function fmtDate(iso: string): string {
  const d = bj(iso);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
export function fmtTime(iso: string): string {
  const d = bj(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
export function fmtDateTime(iso: string): string {
  return `${fmtDate(iso)} ${fmtTime(iso)}`;
}
export function fmtRange(startIso: string, endIso: string): string {
  return fmtDate(startIso) === fmtDate(endIso) ? `${fmtDateTime(startIso)}–${fmtTime(endIso)}` : `${fmtDateTime(startIso)} 至 ${fmtDateTime(endIso)}`;
}
