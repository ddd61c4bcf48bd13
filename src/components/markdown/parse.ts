/**
 * The Markdown subset of notices and class descriptions, parsed line by line so that blocks need no blank
 * line between them: "## 活动安排\n- 包饺子" is a heading and then a list. Pure, so it is unit-tested.
 */
export type MdBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'image'; alt: string; src: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'paragraph'; text: string };

const HEADING = /^\s{0,3}(#{1,3})\s+(.*?)\s*#*\s*$/;
const IMAGE = /^\s*!\[([^\]]*)\]\(([^)\s]+)\)\s*$/;
const ITEM = /^\s*([-*+]|\d+[.、)])\s+(.*)$/;

export function parseMarkdown(source: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  let open: MdBlock | null = null; // the paragraph or list that the next plain line continues
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) {
      open = null;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      blocks.push({ kind: 'heading', level: h[1].length as 1 | 2 | 3, text: h[2] });
      open = null;
      continue;
    }
    const img = IMAGE.exec(line);
    if (img) {
      blocks.push({ kind: 'image', alt: img[1], src: img[2] });
      open = null;
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[1]);
      if (open?.kind === 'list' && open.ordered === ordered) open.items.push(item[2]);
      else blocks.push((open = { kind: 'list', ordered, items: [item[2]] }));
      continue;
    }
    // An indented line after a list item continues that item; any other line continues the paragraph.
    if (open?.kind === 'list' && /^\s{2,}/.test(line)) {
      open.items[open.items.length - 1] += `\n${line.trim()}`;
    } else if (open?.kind === 'paragraph') {
      open.text += `\n${line}`;
    } else {
      blocks.push((open = { kind: 'paragraph', text: line }));
    }
  }
  return blocks;
}

/** "**加粗**" spans of a line: plain and bold parts in order. */
export function inlineParts(text: string): { bold: boolean; text: string }[] {
  return text
    .split(/(\*\*[^*]+\*\*)/g)
    .filter((p) => p !== '')
    .map((p) => (p.length > 4 && p.startsWith('**') && p.endsWith('**') ? { bold: true, text: p.slice(2, -2) } : { bold: false, text: p }));
}
