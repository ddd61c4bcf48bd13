/** China time (UTC+8) as "YYYY-MM-DD HH:mm", and back (null when the text is not such a time). */
export const toLocal = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
export const fromLocal = (s: string): string | null => {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const p = (x: string) => x.padStart(2, '0');
  const t = Date.parse(`${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${m[5]}:00+08:00`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};
