/**
 * 《人生》 search, the part both adapters share: what a query's terms are, which index terms an article is found
 * by (SQLite keeps them in FTS5 tables, MySQL in a term table the app writes), whether a text really holds
 * a term, and the highlighted runs a hit shows.
 *
 * A term of 3 or more characters is found through trigrams (every 3-character window of the text, case
 * folded: FTS5's trigram tokenizer), a 2-character term through bigrams (each adjacent pair of letters or
 * digits). Index terms narrow the candidates; `holdsEvery` decides.
 */

/** At most this many terms per query; shorter terms than MIN_TERM_CHARS are ignored. */
export const MAX_QUERY_TERMS = 4;
export const MIN_TERM_CHARS = 2;

const chars = (s: string) => Array.from(s);

/**
 * Case folding one character at a time, keeping a character whose lower case is longer (İ) as it is: a
 * folded term is then exactly a piece of the folded text it comes from, and positions stay where they were.
 */
export function fold(s: string): string {
  let out = '';
  for (const c of s) {
    const l = c.toLowerCase();
    out += l.length === c.length ? l : c;
  }
  return out;
}

/**
 * The terms of a query: split at white space and at control characters (they separate words; no article
 * is found by a NUL), case-folded duplicates dropped, at most MAX_QUERY_TERMS of MIN_TERM_CHARS or more.
 */
export function queryTerms(q: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const t of q.split(/[\s\p{Cc}]+/u)) {
    if (chars(t).length < MIN_TERM_CHARS || seen.has(fold(t))) continue;
    seen.add(fold(t));
    terms.push(t);
    if (terms.length === MAX_QUERY_TERMS) break;
  }
  return terms;
}

/** One token per adjacent pair of letters/digits, for two-character search. */
export function bigrams(s: string): string[] {
  const out: string[] = [];
  for (const run of fold(s).match(/[\p{L}\p{N}]+/gu) ?? []) {
    const cs = chars(run);
    for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
  }
  return out;
}

/** Every 3-character window of the case-folded text. */
export function trigrams(s: string): string[] {
  const cs = chars(fold(s));
  const out: string[] = [];
  for (let i = 0; i + 2 < cs.length; i++) out.push(cs[i] + cs[i + 1] + cs[i + 2]);
  return out;
}

/** The distinct index terms an article's fields are found by (each field on its own, as FTS5 indexes columns). */
export function articleIndexTerms(fields: string[]): string[] {
  const out = new Set<string>();
  for (const f of fields) {
    // a query term holds no white space or control character (queryTerms splits there), so no window with one is asked for
    for (const t of trigrams(f)) if (!/[\s\p{Cc}]/u.test(t)) out.add(t);
    for (const t of bigrams(f)) out.add(t);
  }
  return [...out];
}

/**
 * The index terms an article must hold to contain a query term: its trigrams, or for two characters its
 * bigram. Null when no article can contain it through the index (a pair that is not two letters/digits).
 */
export function termKeys(term: string): string[] | null {
  if (chars(term).length >= 3) return [...new Set(trigrams(term))];
  const [pair] = bigrams(term);
  return pair !== undefined && chars(pair).length === chars(term).length ? [pair] : null;
}

/** Whether every term occurs (case-folded) in one of the texts. */
export function holdsEvery(texts: string[], terms: string[]): boolean {
  const folded = texts.map(fold);
  return terms.every((t) => folded.some((x) => x.includes(fold(t))));
}

export type Run = { text: string; hit: boolean };

/** Splits text into plain and highlighted runs for every occurrence of any term (case-insensitive). */
export function highlight(text: string, terms: string[]): Run[] {
  const lower = fold(text);
  const marks: [number, number][] = [];
  for (const t of terms) {
    const tl = fold(t);
    if (!tl) continue;
    for (let i = lower.indexOf(tl); i >= 0; i = lower.indexOf(tl, i + tl.length)) marks.push([i, i + tl.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const runs: Run[] = [];
  let pos = 0;
  for (const [s, e] of marks) {
    if (e <= pos) continue;
    const start = Math.max(s, pos);
    if (start > pos) runs.push({ text: text.slice(pos, start), hit: false });
    runs.push({ text: text.slice(start, e), hit: true });
    pos = e;
  }
  if (pos < text.length) runs.push({ text: text.slice(pos), hit: false });
  return runs;
}

/** About 70 characters around the first match in the body. */
export function snippet(body: string, terms: string[]): Run[] {
  const flat = body.replace(/\s+/g, ' ');
  const lower = fold(flat);
  const first = Math.min(...terms.map((t) => lower.indexOf(fold(t))).filter((i) => i >= 0), flat.length);
  const start = Math.max(0, (first === flat.length ? 0 : first) - 20);
  const end = Math.min(flat.length, start + 70);
  const runs = highlight(flat.slice(start, end), terms);
  if (start > 0) runs.unshift({ text: '…', hit: false });
  if (end < flat.length) runs.push({ text: '…', hit: false });
  return runs;
}
