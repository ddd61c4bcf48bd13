import { defineAction, type MemberContext } from '../context';
import { AppError, notFound } from '../../core/errors';
import { memberOrg } from '../../core/member-org';
import {
  magazineAdminIssueInput,
  magazineAdminIssuesInput,
  magazineDeleteArticleInput,
  magazineSaveArticleInput,
  magazineSaveIssueInput,
  magazineArticleInput,
  magazineFavoriteInput,
  magazineImportFilesInput,
  magazineHeartbeatInput,
  magazineIssueInput,
  magazineListInput,
  magazineMyReadingInput,
  magazineProgressInput,
  magazinePublishInput,
  magazineSearchInput,
  magazineSettingsInput,
  magazineShelfInput,
  type AdminIssue,
  type ImportedIssue,
  type SearchHit,
} from '../../contracts/magazine';
import { READ_POINTS_DAILY_CAP } from '../../contracts/magazine-format';
import { audienceOf, beatCredit, mergeReading, readThrough, readingAward, readingPointsPrefix, visibleTo, type Audience } from './rules';
import { imageHrefs } from './render';
import { groupIssueFiles, parseIssueFiles } from './importer';
import { unzipIssueFiles, ZipError } from './zip';
import { requireAdminOrg } from '../../core/admin-org';
import { highlight, queryTerms, snippet } from './search-terms';
import { requireCoverImage, requireUploadedImage } from '../media/cover';
import { MEDIA_PATH_RE } from '../../contracts/media-format';
import { chinaDay, chinaMidnight } from '../../contracts/china-time';

/** Days and weeks are counted in China time. */
export const chinaDayStart = (d: Date): Date => new Date(chinaMidnight(d));
/** Monday of the China-time week of d, as YYYY-MM-DD. */
export function weekStart(day: string): string {
  const t = Date.parse(day + 'T00:00:00Z');
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * 86400_000).toISOString().slice(0, 10);
}

/** The issues the member sees now (rules.ts). */
async function audience(ctx: MemberContext): Promise<Audience> {
  return audienceOf({ orgPath: (await memberOrg(ctx))?.path ?? null, now: ctx.now() });
}

/** The article without where and when it was published, if the member sees it (404 otherwise). */
async function visibleArticle(ctx: MemberContext, articleId: number) {
  const a = await ctx.store.magazine.article(articleId);
  if (!a || !visibleTo(a, await audience(ctx))) throw notFound('这篇文章');
  const { publishAt: _at, orgPath: _path, orgLevel: _level, ...article } = a;
  return article;
}

export const magazineShelf = defineAction({
  name: 'magazine.shelf',
  input: magazineShelfInput,
  auth: 'member',
  async handler(ctx, { limit }) {
    const a = await audience(ctx);
    return { issues: await ctx.store.magazine.shelf(a, limit ?? 50), continueReading: await ctx.store.magazine.continueReading(ctx.member.id, a) };
  },
});

export const magazineIssue = defineAction({
  name: 'magazine.issue',
  input: magazineIssueInput,
  auth: 'member',
  async handler(ctx, { issueId, withBodies }) {
    const found = await ctx.store.magazine.issue(issueId);
    if (!found || !visibleTo(found, await audience(ctx))) throw notFound('这一期');
    const { orgPath: _path, orgLevel: _level, ...issue } = found;
    const columns: { column: string; articles: Awaited<ReturnType<typeof ctx.store.magazine.issueArticles>> }[] = [];
    for (const a of await ctx.store.magazine.issueArticles(ctx.member.id, issueId)) {
      const col = columns.find((c) => c.column === a.column);
      if (col) col.articles.push(a);
      else columns.push({ column: a.column, articles: [a] });
    }
    return { issue, columns, ...(withBodies ? { bodies: await ctx.store.magazine.issueBodies(issueId) } : {}) };
  },
});

export const magazineArticle = defineAction({
  name: 'magazine.article',
  input: magazineArticleInput,
  auth: 'member',
  async handler(ctx, { articleId }) {
    const { seq, ...article } = await visibleArticle(ctx, articleId);
    const m = ctx.store.magazine;
    const p = await m.open(ctx.member.id, articleId, ctx.now());
    const nb = await m.neighbours(article.issueId, seq);
    return {
      article,
      progress: p.readAt ? { position: p.position, readAt: p.readAt } : null,
      status: p.finished ? ('read' as const) : ('reading' as const),
      favorite: await m.isFavorite(ctx.member.id, articleId),
      settings: await m.settings(ctx.member.id),
      prevId: nb.prevId,
      nextId: nb.nextId,
    };
  },
});

/** A device clock may be a little ahead; a reading far in the future is refused rather than allowed to win forever. */
const MAX_CLOCK_SKEW_MS = 10 * 60_000;

export const magazineProgress = defineAction({
  name: 'magazine.progress',
  input: magazineProgressInput,
  auth: 'member',
  async handler(ctx, { articleId, position, readAt }) {
    await visibleArticle(ctx, articleId);
    const at = new Date(readAt);
    if (at.getTime() > ctx.now().getTime() + MAX_CLOCK_SKEW_MS) throw new AppError('INVALID_PAYLOAD', '手机时间不正确，请校准时间后再试');
    const incoming = { position, readAt: at.toISOString() };
    const { next, applied } = await ctx.store.magazine.saveReading(ctx.member.id, articleId, ctx.now(), (current) => mergeReading(current, incoming));
    return { position: next.position, readAt: next.readAt!, applied };
  },
});

export const magazineHeartbeat = defineAction({
  name: 'magazine.heartbeat',
  input: magazineHeartbeatInput,
  auth: 'member',
  async handler(ctx, { articleId, activeSeconds, visible, active, position }) {
    const a = await visibleArticle(ctx, articleId);
    const now = ctx.now();
    const memberId = ctx.member.id;
    const out = await ctx.store.magazine.heartbeat(
      { memberId, articleId, position: position ?? 0, now, day: chinaDay(now) },
      {
        credit: (lastBeatAt) => beatCredit({ activeSeconds, countable: visible && active }, lastBeatAt, now),
        finishes: readThrough,
        award: (ordinal) => readingAward(ordinal, { memberId, articleId, title: a.title, at: now }),
      },
    );
    return out;
  },
});

export const magazineSearch = defineAction({
  name: 'magazine.search',
  input: magazineSearchInput,
  auth: 'member',
  async handler(ctx, { q, limit }) {
    const terms = queryTerms(q);
    if (terms.length === 0) throw new AppError('INVALID_PAYLOAD', '每个搜索词请至少输入两个字');
    const rows = await ctx.store.magazine.search(await audience(ctx), terms, limit ?? 20);
    const hits: SearchHit[] = rows.map((r) => ({
      articleId: r.articleId,
      issueId: r.issueId,
      issueTitle: r.issueTitle,
      title: r.title,
      column: r.column,
      titleRuns: highlight(r.title, terms),
      snippet: snippet(r.body, terms),
    }));
    return { hits };
  },
});

export const magazineFavorite = defineAction({
  name: 'magazine.favorite',
  input: magazineFavoriteInput,
  auth: 'member',
  async handler(ctx, { articleId, on }) {
    await visibleArticle(ctx, articleId);
    await ctx.store.magazine.setFavorite(ctx.member.id, articleId, on, ctx.now());
    return { favorite: on };
  },
});

export const magazineFavorites = defineAction({
  name: 'magazine.favorites',
  input: magazineListInput,
  auth: 'member',
  async handler(ctx, { limit }) {
    return { items: await ctx.store.magazine.favorites(ctx.member.id, await audience(ctx), limit ?? 50) };
  },
});

export const magazineHistory = defineAction({
  name: 'magazine.history',
  input: magazineListInput,
  auth: 'member',
  async handler(ctx, { limit }) {
    return { items: await ctx.store.magazine.history(ctx.member.id, await audience(ctx), limit ?? 50) };
  },
});

export const magazineMyReading = defineAction({
  name: 'magazine.myReading',
  input: magazineMyReadingInput,
  auth: 'member',
  async handler(ctx, { weeks }) {
    const n = weeks ?? 8;
    const now = ctx.now();
    const thisWeek = weekStart(chinaDay(now));
    const starts: string[] = [];
    for (let i = n - 1; i >= 0; i--) starts.push(new Date(Date.parse(thisWeek + 'T00:00:00Z') - i * 7 * 86400_000).toISOString().slice(0, 10));
    const days = await ctx.store.magazine.dailySeconds(ctx.member.id, starts[0]);
    const byWeek = new Map(starts.map((s) => [s, 0]));
    for (const d of days) {
      const w = weekStart(d.day);
      if (byWeek.has(w)) byWeek.set(w, byWeek.get(w)! + d.seconds);
    }
    const weekRows = starts.map((s) => ({ weekStart: s, seconds: byWeek.get(s)! }));
    return {
      weeks: weekRows,
      totalSeconds: weekRows.reduce((s, w) => s + w.seconds, 0),
      finished: await ctx.store.magazine.finished(ctx.member.id, 100),
      pointsToday: await ctx.store.points.sumSince(ctx.member.id, readingPointsPrefix(ctx.member.id), chinaDayStart(now)),
      dailyCap: READ_POINTS_DAILY_CAP,
    };
  },
});

export const magazineSettings = defineAction({
  name: 'magazine.settings',
  input: magazineSettingsInput,
  auth: 'member',
  async handler(ctx, patch) {
    if (patch.fontSize === undefined && patch.night === undefined) return ctx.store.magazine.settings(ctx.member.id);
    return ctx.store.magazine.saveSettings(ctx.member.id, patch);
  },
});

function publicAdminIssue(r: AdminIssue & { orgPath: string }, now: Date): AdminIssue {
  const { orgPath: _p, ...rest } = r;
  return { ...rest, published: Date.parse(r.publishAt) <= now.getTime() };
}

export const magazineAdminIssues = defineAction({
  name: 'magazine.admin.issues',
  input: magazineAdminIssuesInput,
  auth: 'admin',
  async handler(ctx) {
    ctx.admin.requireAny();
    const rows = await ctx.store.magazine.adminIssues(ctx.admin.orgs.map((o) => o.path));
    return { issues: rows.map((r) => publicAdminIssue(r, ctx.now())) };
  },
});

export const magazinePublish = defineAction({
  name: 'magazine.admin.publish',
  input: magazinePublishInput,
  auth: 'admin',
  async handler(ctx, { issueId, publishAt }) {
    await adminOwnIssue(ctx, issueId);
    await ctx.store.magazine.setPublishAt(issueId, new Date(publishAt), ctx.now());
    return publicAdminIssue((await ctx.store.magazine.adminIssue(issueId))!, ctx.now());
  },
});

/** The issue, if it exists and lies in the admin's subtree (404 / 403 otherwise). */
async function adminOwnIssue(ctx: MemberContext, issueId: number) {
  const issue = await ctx.store.magazine.adminIssue(issueId);
  if (!issue) throw notFound('这一期');
  ctx.admin.require(issue.orgPath);
  return issue;
}

export const magazineAdminIssue = defineAction({
  name: 'magazine.admin.issue',
  input: magazineAdminIssueInput,
  auth: 'admin',
  async handler(ctx, { issueId }) {
    const issue = await adminOwnIssue(ctx, issueId);
    return { issue: publicAdminIssue(issue, ctx.now()), articles: await ctx.store.magazine.adminArticles(issueId) };
  },
});

export const magazineSaveIssue = defineAction({
  name: 'magazine.admin.saveIssue',
  input: magazineSaveIssueInput,
  auth: 'admin',
  async handler(ctx, { issueId, orgId, year, number, title, cover, intro, publishAt }) {
    const org = await ctx.store.orgs.getById(orgId);
    if (!org) throw notFound('这个单位');
    ctx.admin.require(org.path);
    if (issueId !== undefined) await adminOwnIssue(ctx, issueId);
    if (MEDIA_PATH_RE.test(cover)) await requireCoverImage(ctx, cover);
    const r = await ctx.store.magazine.saveIssue(
      { id: issueId, orgId, year, number, title, cover, intro: intro ?? '', publishAt: new Date(publishAt) },
      ctx.now(),
    );
    if (r === 'conflict') throw new AppError('CONFLICT', `${org.name}已经有 ${year} 年第 ${number} 期了，请换一个期号`);
    return publicAdminIssue((await ctx.store.magazine.adminIssue(r.issueId))!, ctx.now());
  },
});

/** Images in a body are generated illustrations (cover:<name>) or uploads of ours that exist. */
async function requireBodyImages(ctx: MemberContext, bodyMd: string) {
  for (const href of imageHrefs(bodyMd)) {
    if (/^cover:[a-z0-9-]{1,32}$/i.test(href)) continue;
    if (!MEDIA_PATH_RE.test(href)) throw new AppError('INVALID_PAYLOAD', '正文里的图片请用“插入图片”上传，不能引用其他网址');
    await requireUploadedImage(ctx, href, '正文里有一张图片不存在，请重新插入图片');
  }
}

/**
 * An organiser imports issue folders by upload (the files, or a .zip), as `npm run magazine -- import` does:
 * each issue whole or not at all, with a report on every article.
 */
export const magazineImportFiles = defineAction({
  name: 'magazine.admin.importFiles',
  input: magazineImportFilesInput,
  auth: 'admin',
  async handler(ctx, { orgId, files, zipBase64 }) {
    const org = await requireAdminOrg(ctx, orgId);
    let uploaded = files ?? [];
    if (zipBase64 !== undefined) {
      try {
        uploaded = unzipIssueFiles(Buffer.from(zipBase64, 'base64'));
      } catch (e) {
        if (e instanceof ZipError) throw new AppError('INVALID_PAYLOAD', e.message);
        throw e;
      }
    }
    if (uploaded.length === 0) throw new AppError('INVALID_PAYLOAD', '没有找到期刊文件（issue.json 和 NN-英文短名.md）');
    const issues: ImportedIssue[] = [];
    for (const group of groupIssueFiles(uploaded)) {
      const parsed = parseIssueFiles(group.files, org.id, group.folder || '上传的文件');
      const articles = [...parsed.articles];
      for (const a of parsed.readable) {
        try {
          await requireBodyImages(ctx, a.bodyMd);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          const i = articles.findIndex((r) => r.file === a.file);
          articles[i] = { ...articles[i], error: `${a.file}：${e.message}` };
        }
      }
      const report = { folder: group.folder, title: parsed.title, error: parsed.error, articles };
      if (!parsed.issue || articles.some((a) => a.error)) {
        issues.push({ ...report, imported: false, issueId: null, created: false });
        continue;
      }
      const r = await ctx.store.magazine.importIssue(parsed.issue, ctx.now());
      issues.push({ ...report, imported: true, issueId: r.issueId, created: r.created });
    }
    return { issues };
  },
});

export const magazineSaveArticle = defineAction({
  name: 'magazine.admin.saveArticle',
  input: magazineSaveArticleInput,
  auth: 'admin',
  async handler(ctx, { issueId, articleId, ...fields }) {
    await adminOwnIssue(ctx, issueId);
    await requireBodyImages(ctx, fields.bodyMd);
    const saved = await ctx.store.magazine.saveArticle(issueId, { id: articleId, ...fields, sample: fields.sample ?? false }, ctx.now());
    if (!saved) throw notFound('这篇文章');
    return saved;
  },
});

export const magazineDeleteArticle = defineAction({
  name: 'magazine.admin.deleteArticle',
  input: magazineDeleteArticleInput,
  auth: 'admin',
  async handler(ctx, { articleId }) {
    const issueId = await ctx.store.magazine.articleIssue(articleId);
    if (issueId === null) throw notFound('这篇文章');
    await adminOwnIssue(ctx, issueId);
    return { deleted: await ctx.store.magazine.deleteArticle(articleId) };
  },
});

export const magazineActions = [
  magazineAdminIssue,
  magazineSaveIssue,
  magazineSaveArticle,
  magazineDeleteArticle,
  magazineImportFiles,
  magazineShelf,
  magazineIssue,
  magazineArticle,
  magazineProgress,
  magazineHeartbeat,
  magazineSearch,
  magazineFavorite,
  magazineFavorites,
  magazineHistory,
  magazineMyReading,
  magazineSettings,
  magazineAdminIssues,
  magazinePublish,
];
