import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import YAML from 'yaml';
import type { ImportIssue } from './repo';

/** The import format (seeds/magazine/README.md): a folder per issue with issue.json and NN-slug.md files. */
const issueJson = z
  .object({
    year: z.number().int().min(1990).max(2100),
    number: z.number().int().min(1).max(99),
    title: z.string().trim().min(1).max(60),
    publishAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'publishAt 不是有效时间'),
    cover: z.string().regex(/^[a-z0-9-]{1,32}$/),
    intro: z.string().max(500).optional(),
  })
  .strict();

export const COLUMNS = ['科学育儿', '家庭健康', '新型婚育文化', '青春健康', '协会动态'] as const;

const frontMatter = z
  .object({
    title: z.string().trim().min(1).max(60),
    author: z.string().trim().min(1).max(40),
    column: z.string().trim().min(1).max(20),
    summary: z.string().trim().min(1).max(300),
    sample: z.boolean().optional(),
  })
  .strict();

const FILE = /^(\d{2})-([a-z0-9-]+)\.md$/;

export class ImportError extends Error {}

export function parseArticle(fileName: string, source: string) {
  const m = FILE.exec(fileName);
  if (!m) throw new ImportError(`${fileName}：文件名应为 NN-英文短名.md`);
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!fm) throw new ImportError(`${fileName}：缺少 YAML 头（--- … ---）`);
  const parsed = frontMatter.safeParse(YAML.parse(fm[1]));
  if (!parsed.success) throw new ImportError(`${fileName}：YAML 头有误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  const body = fm[2].trim();
  if (!body) throw new ImportError(`${fileName}：正文为空`);
  return { slug: m[2], seq: Number(m[1]), ...parsed.data, bodyMd: body, sample: parsed.data.sample ?? false };
}

/** A file of an issue folder: its name (a path inside the folder or upload is fine) and its text. */
export interface IssueFile {
  name: string;
  text: string;
}

/** What became of each file of an issue: the article's title, or why it was refused. */
export interface ArticleReport {
  file: string;
  title: string | null;
  error: string | null;
}

export interface ParsedIssue {
  /** Null when issue.json or any article was refused: an issue is imported whole or not at all. */
  issue: ImportIssue | null;
  /** The issue's title, when issue.json could be read. */
  title: string | null;
  /** Why the issue as a whole was refused (issue.json missing or wrong, no articles). */
  error: string | null;
  articles: ArticleReport[];
  /** The articles that could be read, by file (for checks the caller makes, such as their images). */
  readable: { file: string; bodyMd: string }[];
}

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/** Parses one issue's files (issue.json and NN-slug.md; others are ignored) into an ImportIssue, reporting on every article. */
export function parseIssueFiles(files: IssueFile[], orgId: string, folder = '上传的文件'): ParsedIssue {
  const json = files.find((f) => baseName(f.name) === 'issue.json');
  const mds = files.filter((f) => baseName(f.name).endsWith('.md')).sort((a, b) => baseName(a.name).localeCompare(baseName(b.name)));
  const articles: ArticleReport[] = [];
  const parsed: ReturnType<typeof parseArticle>[] = [];
  const readable: ParsedIssue['readable'] = [];
  for (const f of mds) {
    try {
      const a = parseArticle(baseName(f.name), f.text);
      parsed.push(a);
      readable.push({ file: baseName(f.name), bodyMd: a.bodyMd });
      articles.push({ file: baseName(f.name), title: a.title, error: null });
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      articles.push({ file: baseName(f.name), title: null, error: e.message });
    }
  }
  let title: string | null = null;
  const refuse = (error: string | null): ParsedIssue => ({ issue: null, title, error, articles, readable });
  if (!json) return refuse(`${folder}：缺少 issue.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(json.text);
  } catch {
    return refuse(`${json.name}：不是有效的 JSON`);
  }
  const meta = issueJson.safeParse(raw);
  if (!meta.success) return refuse(`${json.name}：${meta.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  title = meta.data.title;
  if (mds.length === 0) return refuse(`${folder}：没有文章（NN-slug.md）`);
  if (articles.some((a) => a.error)) return refuse(null);
  const slugs = new Set(parsed.map((a) => a.slug));
  if (slugs.size < parsed.length) return refuse(`${folder}：有两篇文章的英文短名相同`);
  return {
    issue: {
      orgId,
      year: meta.data.year,
      number: meta.data.number,
      title: meta.data.title,
      cover: meta.data.cover,
      intro: meta.data.intro ?? '',
      publishAt: new Date(meta.data.publishAt),
      articles: parsed,
    },
    title,
    error: null,
    articles,
    readable,
  };
}

/** Reads one issue folder into an ImportIssue (validated); throws ImportError with a readable message. */
export function readIssueFolder(dir: string, orgId: string): ImportIssue {
  const names = fs.readdirSync(dir).filter((f) => f === 'issue.json' || f.endsWith('.md'));
  const files = names.map((f) => ({ name: f === 'issue.json' ? path.join(dir, f) : f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const parsed = parseIssueFiles(files, orgId, dir);
  if (parsed.issue) return parsed.issue;
  throw new ImportError(parsed.error ?? parsed.articles.find((a) => a.error)!.error!);
}

/** Groups uploaded files by their folder: each folder holding an issue.json is one issue. */
export function groupIssueFiles(files: IssueFile[]): { folder: string; files: IssueFile[] }[] {
  const byFolder = new Map<string, IssueFile[]>();
  for (const f of files) {
    const parts = f.name.split(/[\\/]/);
    const folder = parts.slice(0, -1).join('/');
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), f]);
  }
  const issues = [...byFolder].filter(([, fs_]) => fs_.some((f) => baseName(f.name) === 'issue.json'));
  // loose files without any issue.json still get a report saying what is missing
  if (issues.length === 0) return [{ folder: '', files }];
  return issues.sort(([a], [b]) => a.localeCompare(b)).map(([folder, fs_]) => ({ folder, files: fs_ }));
}

/** An issue folder, or a folder of issue folders. */
export function issueFolders(dir: string): string[] {
  if (fs.existsSync(path.join(dir, 'issue.json'))) return [dir];
  return fs
    .readdirSync(dir)
    .map((d) => path.join(dir, d))
    .filter((d) => fs.statSync(d).isDirectory() && fs.existsSync(path.join(d, 'issue.json')))
    .sort();
}
