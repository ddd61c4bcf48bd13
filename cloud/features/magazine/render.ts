import { marked, type Token, type Tokens } from 'marked';
import { coverColor, type RichNode } from '../../contracts/magazine-format';
import { MEDIA_PATH_RE } from '../../contracts/media-format';

/**
 * Markdown → Taro RichText nodes. Only a safe subset is produced: text is always a text node
 * (so HTML in the source shows as text, never as markup), images are either our own uploads
 * (/media/<sha256>.<ext>, shown as <img> with their caption) or generated illustrations
 * (cover:<name>); any other address becomes a placeholder and is never fetched. Links keep their text only.
 */
const S = {
  h: 'font-size:1.2em;font-weight:bold;margin:1.2em 0 0.6em;line-height:1.5;',
  h1: 'font-size:1.35em;font-weight:bold;margin:1.2em 0 0.6em;line-height:1.5;',
  p: 'margin:0 0 0.9em;line-height:1.8;text-align:justify;',
  li: 'margin:0 0 0.4em;line-height:1.8;',
  list: 'margin:0 0 0.9em;padding-left:1.6em;',
  quote: 'margin:0 0 0.9em;padding:0.4em 0.8em;border-left:0.25em solid #c8102e;opacity:0.85;',
  code: 'font-family:monospace;',
  hr: 'border:none;border-top:1px solid #ccc;margin:1em 0;',
};

const text = (t: string): RichNode => ({ type: 'text', text: t });

export function placeholder(name: string, alt: string): RichNode {
  const color = coverColor(name);
  return {
    name: 'div',
    attrs: {
      class: 'mz-figure',
      style: `background:${color};color:#fff;border-radius:0.4em;padding:2.2em 1em;margin:0 0 0.9em;text-align:center;font-size:1em;line-height:1.5;`,
    },
    children: [text(alt || '插图')],
  };
}

/** An uploaded picture, full width, with its caption under it. */
export function figure(src: string, alt: string): RichNode {
  const kids: RichNode[] = [
    { name: 'img', attrs: { src, alt: alt || '插图', style: 'display:block;max-width:100%;width:100%;height:auto;border-radius:0.3em;' } },
  ];
  if (alt) kids.push({ name: 'div', attrs: { style: 'font-size:0.95em;text-align:center;margin-top:0.4em;line-height:1.5;' }, children: [text(alt)] });
  return { name: 'div', attrs: { class: 'mz-figure', style: 'margin:0 0 0.9em;' }, children: kids };
}

/** Every image address in a Markdown body (for checking uploads exist before saving). */
export function imageHrefs(md: string): string[] {
  const out: string[] = [];
  marked.walkTokens(marked.lexer(md, { gfm: true }), (t) => {
    if (t.type === 'image') out.push((t as Tokens.Image).href);
  });
  return out;
}

function inline(tokens: Token[] | undefined): RichNode[] {
  const out: RichNode[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        out.push({ name: 'strong', children: inline((t as Tokens.Strong).tokens) });
        break;
      case 'em':
        out.push({ name: 'em', children: inline((t as Tokens.Em).tokens) });
        break;
      case 'del':
        out.push({ name: 'del', children: inline((t as Tokens.Del).tokens) });
        break;
      case 'codespan':
        out.push({ name: 'span', attrs: { style: S.code }, children: [text((t as Tokens.Codespan).text)] });
        break;
      case 'br':
        out.push({ name: 'br' });
        break;
      case 'link':
        out.push({ name: 'span', attrs: { style: 'text-decoration:underline;' }, children: inline((t as Tokens.Link).tokens) });
        break;
      case 'image': {
        const img = t as Tokens.Image;
        if (MEDIA_PATH_RE.test(img.href)) {
          out.push(figure(img.href, img.text));
          break;
        }
        const m = /^cover:([a-z0-9-]{1,32})$/i.exec(img.href);
        out.push(placeholder(m ? m[1] : 'image', img.text));
        break;
      }
      case 'text': {
        const tt = t as Tokens.Text;
        if (tt.tokens && tt.tokens.length) out.push(...inline(tt.tokens));
        else out.push(text(unescapeEntities(tt.text)));
        break;
      }
      case 'escape':
        out.push(text((t as Tokens.Escape).text));
        break;
      default:
        // html and anything unknown: shown as its source text, never as markup
        out.push(text(unescapeEntities(t.raw)));
    }
  }
  return out;
}

function unescapeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e as string]!);
}

function block(tokens: Token[]): RichNode[] {
  const out: RichNode[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'heading': {
        const h = t as Tokens.Heading;
        const level = Math.min(Math.max(h.depth, 2), 4);
        out.push({ name: `h${level}`, attrs: { style: h.depth === 1 ? S.h1 : S.h }, children: inline(h.tokens) });
        break;
      }
      case 'paragraph': {
        const p = t as Tokens.Paragraph;
        const kids = inline(p.tokens);
        // a paragraph holding only an image: the figure itself, not wrapped in <p>
        if (kids.length === 1 && 'name' in kids[0] && kids[0].attrs?.class === 'mz-figure') out.push(kids[0]);
        else out.push({ name: 'p', attrs: { style: S.p }, children: kids });
        break;
      }
      case 'list': {
        const l = t as Tokens.List;
        out.push({
          name: l.ordered ? 'ol' : 'ul',
          attrs: { style: S.list },
          children: l.items.map((it) => ({ name: 'li', attrs: { style: S.li }, children: listItem(it) })),
        });
        break;
      }
      case 'blockquote':
        out.push({ name: 'blockquote', attrs: { style: S.quote }, children: block((t as Tokens.Blockquote).tokens) });
        break;
      case 'code':
        out.push({ name: 'p', attrs: { style: S.p + S.code }, children: [text((t as Tokens.Code).text)] });
        break;
      case 'hr':
        out.push({ name: 'hr', attrs: { style: S.hr } });
        break;
      case 'space':
        break;
      default:
        if (t.raw.trim()) out.push({ name: 'p', attrs: { style: S.p }, children: [text(t.raw.trim())] });
    }
  }
  return out;
}

function listItem(it: Tokens.ListItem): RichNode[] {
  const out: RichNode[] = [];
  for (const t of it.tokens) {
    if (t.type === 'text') out.push(...inline((t as Tokens.Text).tokens ?? [t]));
    else out.push(...block([t]));
  }
  return out;
}

export function markdownToNodes(md: string): RichNode[] {
  return block(marked.lexer(md, { gfm: true }));
}

/** Plain text of the body (for search and reading time): no markup, image alts kept. */
export function markdownToPlain(md: string): string {
  const walk = (nodes: RichNode[]): string =>
    nodes.map((n) => ('type' in n ? n.text : walk(n.children ?? []) + (/^(p|h\d|li|div|blockquote)$/.test(n.name) ? '\n' : ''))).join('');
  return walk(markdownToNodes(md))
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Older readers: about 300 Chinese characters a minute. */
export function readingMinutes(plain: string): number {
  const chars = plain.replace(/\s/g, '').length;
  return Math.max(1, Math.round(chars / 300));
}

/** What an adapter stores of an article besides its fields: the rendered nodes, reading time and the text search looks in. */
export function storedArticle(a: { title: string; summary: string; bodyMd: string }) {
  const plain = markdownToPlain(a.bodyMd);
  return {
    nodesJson: JSON.stringify(markdownToNodes(a.bodyMd)),
    readingMinutes: readingMinutes(plain),
    /** Searched and shown in snippets, beside the title. */
    searchBody: a.summary + '\n' + plain,
  };
}
