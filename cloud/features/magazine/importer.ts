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

/** Reads one issue folder into an ImportIssue (validated); throws ImportError with a readable message. */
export function readIssueFolder(dir: string, orgId: string): ImportIssue {
  const jsonPath = path.join(dir, 'issue.json');
  if (!fs.existsSync(jsonPath)) throw new ImportError(`${dir}：缺少 issue.json`);
  const meta = issueJson.safeParse(JSON.parse(fs.readFileSync(jsonPath, 'utf8')));
  if (!meta.success) throw new ImportError(`${jsonPath}：${meta.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const articles = files.map((f) => parseArticle(f, fs.readFileSync(path.join(dir, f), 'utf8')));
  if (articles.length === 0) throw new ImportError(`${dir}：没有文章（NN-slug.md）`);
  return {
    orgId,
    year: meta.data.year,
    number: meta.data.number,
    title: meta.data.title,
    cover: meta.data.cover,
    intro: meta.data.intro ?? '',
    publishAt: new Date(meta.data.publishAt),
    articles,
  };
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
