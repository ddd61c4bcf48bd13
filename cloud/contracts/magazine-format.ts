/** Zod-free runtime values of the magazine shared by client and server. */

export type FontSize = 'standard' | 'large' | 'xlarge';
export type ArticleStatus = 'unread' | 'reading' | 'read';

/** Taro RichText node (a safe subset of HTML, built on the server from Markdown). */
export type RichNode =
  { type: 'text'; text: string } | { name: string; attrs?: { style?: string; class?: string; src?: string; alt?: string }; children?: RichNode[] };

export const FONT_SIZES: { key: FontSize; label: string; px: number }[] = [
  { key: 'standard', label: '标准', px: 34 },
  { key: 'large', label: '大', px: 40 },
  { key: 'xlarge', label: '特大', px: 48 },
];

/** The columns (栏目) of 《人生》, in their usual order. */
export const MAGAZINE_COLUMNS = ['科学育儿', '家庭健康', '新型婚育文化', '青春健康', '协会动态'] as const;

/** Names of the generated covers and in-text illustrations (![说明](cover:<name>)). */
export const COVER_NAMES = ['grassland', 'family', 'reading', 'health', 'youth', 'baby'] as const;

/** Reading credit rules. */
export const READ_MIN_SECONDS = 60;
export const READ_MIN_POSITION = 0.9;
export const HEARTBEAT_MAX_CREDIT = 30;
export const HEARTBEAT_INTERVAL_MS = 15_000;
export const READ_POINTS = 2;
export const READ_POINTS_DAILY_CAP = 10;

/** Colours of the generated cover placeholders, by name. */
export const COVER_COLORS: Record<string, string> = {
  grassland: '#5b8c3a',
  family: '#c8102e',
  reading: '#3a6ea5',
  health: '#2a9d8f',
  youth: '#e07a1f',
  baby: '#d46a9a',
};

export function coverColor(name: string): string {
  if (COVER_COLORS[name]) return COVER_COLORS[name];
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h}, 45%, 42%)`;
}
