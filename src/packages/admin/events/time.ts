import { toChinaTime } from '../components/form/datetime';

const pad = (n: number) => String(n).padStart(2, '0');
/** "2027-05-29 09:00" in Beijing time. */
export const toBjInput = toChinaTime;
export function bjClock(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
