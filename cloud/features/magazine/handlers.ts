import { defineAction } from '../../core/action';
import { AppError, notFound } from '../../core/errors';
import type { MemberContext } from '../../core/context';
import { memberOrg } from '../../core/member-org';
import {
  magazineAdminIssueInput,
  magazineAdminIssuesInput,
  magazineDeleteArticleInput,
  magazineSaveArticleInput,
  magazineSaveIssueInput,
  magazineArticleInput,
  magazineFavoriteInput,
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
  type SearchHit,
} from '../../contracts/magazine';
import {
  HEARTBEAT_MAX_CREDIT,
  READ_MIN_POSITION,
  READ_MIN_SECONDS,
  READ_POINTS,
  READ_POINTS_DAILY_CAP,
} from '../../contracts/magazine-format';
import type { Viewer } from './repo';
import { imageHrefs } from './render';
import { requireCoverImage, requireUploadedImage } from '../media/cover';
import { MEDIA_PATH_RE } from '../../contracts/media-format';

/** Days and weeks are counted in China time (UTC+8). */
const TZ_MS = 8 * 3600_000;
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + TZ_MS).toISOString().slice(0, 10);
}
export function chinaDayStart(d: Date): Date {
  return new Date(Date.parse(chinaDay(d) + 'T00:00:00Z') - TZ_MS);
}
/** Monday of the China-time week of d, as YYYY-MM-DD. */
export function weekStart(day: string): string {
  const t = Date.parse(day + 'T00:00:00Z');
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * 86400_000).toISOString().slice(0, 10);
}

async function viewer(ctx: MemberContext): Promise<Viewer> {
  return { memberId: ctx.member.id, orgPath: (await memberOrg(ctx))?.path ?? null, now: ctx.now() };
}

async function visibleArticle(ctx: MemberContext, articleId: number) {
  const a = await ctx.store.magazine.article(await viewer(ctx), articleId);
  if (!a) throw notFound('这篇文章');
  return a;
}

export const magazineShelf = defineAction({
  name: 'magazine.shelf',
  input: magazineShelfInput,
  auth: 'member',
  async handler(ctx, { limit }) {
    const v = await viewer(ctx);
    return { issues: await ctx.store.magazine.shelf(v, limit ?? 50), continueReading: await ctx.store.magazine.continueReading(v) };
  },
});

export const magazineIssue = defineAction({
  name: 'magazine.issue',
  input: magazineIssueInput,
  auth: 'member',
  async handler(ctx, { issueId, withBodies }) {
    const v = await viewer(ctx);
    const issue = await ctx.store.magazine.issue(v, issueId);
    if (!issue) throw notFound('这一期');
    const columns: { column: string; articles: Awaited<ReturnType<typeof ctx.store.magazine.issueArticles>> }[] = [];
    for (const a of await ctx.store.magazine.issueArticles(v, issueId)) {
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
    return ctx.store.magazine.saveProgress(ctx.member.id, articleId, position, at, ctx.now());
  },
});

export const magazineHeartbeat = defineAction({
  name: 'magazine.heartbeat',
  input: magazineHeartbeatInput,
  auth: 'member',
  async handler(ctx, { articleId, activeSeconds, visible, active, position }) {
    const a = await visibleArticle(ctx, articleId);
    const now = ctx.now();
    const day = chinaDay(now);
    const out = await ctx.store.magazine.heartbeat(
      ctx.member.id,
      articleId,
      { activeSeconds, countable: visible && active, position },
      { maxCredit: HEARTBEAT_MAX_CREDIT, minSeconds: READ_MIN_SECONDS, minPosition: READ_MIN_POSITION },
      now,
      day,
    );
    let pointsAwarded = 0;
    // The ordinal of today's finishes is counted atomically in the repo, so two articles finishing at once cannot both
    // slip under the cap; sumSince double-checks against the ledger itself.
    if (out.finishedOrdinalToday !== null && out.finishedOrdinalToday * READ_POINTS <= READ_POINTS_DAILY_CAP) {
      const prefix = `magazine:read:${ctx.member.id}:`;
      const paid = await ctx.store.points.sumSince(ctx.member.id, prefix, chinaDayStart(now));
      if (paid + READ_POINTS <= READ_POINTS_DAILY_CAP) {
        const ok = await ctx.store.points.award({
          memberId: ctx.member.id,
          delta: READ_POINTS,
          reason: `阅读《人生》：${a.title}`,
          refKey: `${prefix}${articleId}`,
          at: now,
        });
        if (ok) pointsAwarded = READ_POINTS;
      }
    }
    return { credited: out.credited, activeSeconds: out.activeSeconds, finished: out.finished, pointsAwarded };
  },
});

/** Splits text into plain and highlighted runs for every occurrence of any term (case-insensitive). */
export function highlight(text: string, terms: string[]): { text: string; hit: boolean }[] {
  const lower = text.toLowerCase();
  const marks: [number, number][] = [];
  for (const t of terms) {
    const tl = t.toLowerCase();
    for (let i = lower.indexOf(tl); i >= 0; i = lower.indexOf(tl, i + tl.length)) marks.push([i, i + tl.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const runs: { text: string; hit: boolean }[] = [];
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

/** About 60 characters around the first match in the body. */
export function snippet(body: string, terms: string[]): { text: string; hit: boolean }[] {
  const flat = body.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0), flat.length);
  const start = Math.max(0, (first === flat.length ? 0 : first) - 20);
  const end = Math.min(flat.length, start + 70);
  const runs = highlight(flat.slice(start, end), terms);
  if (start > 0) runs.unshift({ text: '…', hit: false });
  if (end < flat.length) runs.push({ text: '…', hit: false });
  return runs;
}

export const magazineSearch = defineAction({
  name: 'magazine.search',
  input: magazineSearchInput,
  auth: 'member',
  async handler(ctx, { q, limit }) {
    const terms = [...new Set(q.split(/\s+/).filter((t) => Array.from(t).length >= 2))].slice(0, 4);
    if (terms.length === 0) throw new AppError('INVALID_PAYLOAD', '每个搜索词请至少输入两个字');
    const rows = await ctx.store.magazine.search(await viewer(ctx), terms, limit ?? 20);
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
    return { items: await ctx.store.magazine.favorites(ctx.member.id, limit ?? 50) };
  },
});

export const magazineHistory = defineAction({
  name: 'magazine.history',
  input: magazineListInput,
  auth: 'member',
  async handler(ctx, { limit }) {
    return { items: await ctx.store.magazine.history(ctx.member.id, limit ?? 50) };
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
      pointsToday: await ctx.store.points.sumSince(ctx.member.id, `magazine:read:${ctx.member.id}:`, chinaDayStart(now)),
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
  name: 'magazine.adminIssues',
  input: magazineAdminIssuesInput,
  auth: 'admin',
  async handler(ctx) {
    ctx.admin.requireAny();
    const rows = await ctx.store.magazine.adminIssues(ctx.admin.orgs.map((o) => o.path));
    return { issues: rows.map((r) => publicAdminIssue(r, ctx.now())) };
  },
});

export const magazinePublish = defineAction({
  name: 'magazine.publish',
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
  name: 'magazine.adminIssue',
  input: magazineAdminIssueInput,
  auth: 'admin',
  async handler(ctx, { issueId }) {
    const issue = await adminOwnIssue(ctx, issueId);
    return { issue: publicAdminIssue(issue, ctx.now()), articles: await ctx.store.magazine.adminArticles(issueId) };
  },
});

export const magazineSaveIssue = defineAction({
  name: 'magazine.saveIssue',
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

export const magazineSaveArticle = defineAction({
  name: 'magazine.saveArticle',
  input: magazineSaveArticleInput,
  auth: 'admin',
  async handler(ctx, { issueId, articleId, ...fields }) {
    await adminOwnIssue(ctx, issueId);
    for (const href of imageHrefs(fields.bodyMd)) {
      if (/^cover:[a-z0-9-]{1,32}$/i.test(href)) continue;
      if (!MEDIA_PATH_RE.test(href)) throw new AppError('INVALID_PAYLOAD', '正文里的图片请用“插入图片”上传，不能引用其他网址');
      await requireUploadedImage(ctx, href, '正文里有一张图片不存在，请重新插入图片');
    }
    const saved = await ctx.store.magazine.saveArticle(issueId, { id: articleId, ...fields, sample: fields.sample ?? false }, ctx.now());
    if (!saved) throw notFound('这篇文章');
    return saved;
  },
});

export const magazineDeleteArticle = defineAction({
  name: 'magazine.deleteArticle',
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
