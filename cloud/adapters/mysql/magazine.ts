import type { MysqlDb, Sql } from './db';
import { isDuplicateKey, placeholders, valueRows, valuesOf } from './db';
import type {
  AdminArticle,
  AdminIssue,
  ArticleBody,
  ArticleListItem,
  ArticleRef,
  ContinueReading,
  FontSize,
  IssueSummary,
  ReaderSettings,
} from '../../contracts/magazine';
import type { ArticleFields, ImportIssue, MagazineRepo, Publication, SearchRow } from '../../features/magazine/repo';
import type { PointsAward } from '../../features/points/repo';
import { articleStatus, type Audience, type Reading } from '../../features/magazine/rules';
import { storedArticle } from '../../features/magazine/render';
import { articleIndexTerms, holdsEvery, termKeys } from '../../features/magazine/search-terms';

/** The ledger's write inside the caller's transaction (adapters/mysql/points.ts payPoints). */
export type PayPoints = (sql: Sql, award: PointsAward) => Promise<boolean>;

/** The feature's audience (rules.ts) as a filter on issue i of org o; its parameters come from audienceParams. */
const VISIBLE = 'i.publish_at <= ? AND (o.level = ? OR o.path IN (?, ?, ?, ?, ?))';
const audienceParams = (a: Audience) => [a.at, a.publicLevel, ...a.publisherPaths];

const ISSUE_COLS = `i.id, i.year, i.number, i.title, i.cover, i.intro, i.publish_at AS publishAt,
  (SELECT COUNT(*) FROM magazine_articles a WHERE a.issue_id = i.id) AS articleCount`;
const PUBLICATION_COLS = 'o.path AS orgPath, o.level AS orgLevel';
const ADMIN_COLS = `${ISSUE_COLS}, i.org_id AS orgId, o.name AS orgName, o.path AS orgPath`;
const ADMIN_ARTICLE_COLS = 'id, seq, title, author, column_name AS `column`, summary, body_md AS bodyMd, reading_minutes AS readingMinutes, sample';
const BODY_COLS = `a.id, a.issue_id AS issueId, i.title AS issueTitle, a.title, a.author, a.column_name AS \`column\`, a.summary,
  a.reading_minutes AS readingMinutes, a.nodes_json AS nodesJson, a.seq, a.sample`;
const REF_COLS = `a.id AS articleId, i.id AS issueId, a.title, i.title AS issueTitle, a.column_name AS \`column\`,
  COALESCE(p.position, 0) AS position, p.finished_at AS finishedAt, p.opened_at AS openedAt`;

/** Terms per INSERT when an article is indexed. */
const TERMS_PER_INSERT = 500;

type Row = Record<string, any>;
type AdminIssueRow = Omit<AdminIssue, 'published'> & { orgPath: string };

const toAdminArticle = (r: Row): AdminArticle => ({ ...(r as AdminArticle), sample: !!r.sample });
const toBody = (r: Row): ArticleBody & { seq: number } => {
  const { nodesJson, sample, ...rest } = r;
  return { ...(rest as ArticleBody & { seq: number }), nodes: JSON.parse(nodesJson), sample: !!sample };
};
const toRef = (r: Row): ArticleRef => ({
  articleId: r.articleId,
  issueId: r.issueId,
  title: r.title,
  issueTitle: r.issueTitle,
  column: r.column,
  at: r.at,
  position: r.position,
  status: articleStatus(r as { finishedAt: string | null; openedAt: string | null }),
});

export function mysqlMagazineRepo(db: MysqlDb, payPoints: PayPoints): MagazineRepo {
  /** Writes an article's index terms anew (inside the caller's transaction). */
  const index = async (sql: Sql, articleId: number, title: string, searchBody: string) => {
    await sql.run('DELETE FROM magazine_terms WHERE article_id = ?', [articleId]);
    const terms = articleIndexTerms([title, searchBody]);
    for (let i = 0; i < terms.length; i += TERMS_PER_INSERT) {
      const chunk = terms.slice(i, i + TERMS_PER_INSERT);
      await sql.run(
        `INSERT INTO magazine_terms (term, article_id) VALUES ${valueRows(chunk.length, 2)}`,
        valuesOf(chunk, (t) => [t, articleId]),
      );
    }
  };

  const articleValues = (a: ArticleFields) => {
    const stored = storedArticle(a);
    return { stored, values: [a.title, a.author, a.column, a.summary, a.bodyMd, stored.nodesJson, stored.readingMinutes, a.sample ? 1 : 0, stored.searchBody] };
  };
  const insertArticle = async (sql: Sql, issueId: number, slug: string, seq: number, a: ArticleFields) => {
    const { stored, values } = articleValues(a);
    const { insertId } = await sql.run(
      `INSERT INTO magazine_articles (issue_id, slug, seq, title, author, column_name, summary, body_md, nodes_json, reading_minutes, sample, search_body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [issueId, slug, seq, ...values],
    );
    await index(sql, insertId, a.title, stored.searchBody);
    return insertId;
  };
  const updateArticle = async (sql: Sql, id: number, seq: number, a: ArticleFields) => {
    const { stored, values } = articleValues(a);
    await sql.run(
      `UPDATE magazine_articles SET title = ?, author = ?, column_name = ?, summary = ?, body_md = ?, nodes_json = ?, reading_minutes = ?,
       sample = ?, search_body = ?, seq = ? WHERE id = ?`,
      [...values, seq, id],
    );
    await index(sql, id, a.title, stored.searchBody);
  };
  const issueValues = (i: { title: string; cover: string; intro: string; publishAt: Date }) => [i.title, i.cover, i.intro, i.publishAt.toISOString()];

  const importIssue = (issue: ImportIssue, at: string) =>
    db.tx(async (sql) => {
      const created = await sql.insertUnique(
        `INSERT INTO magazine_issues (org_id, year, number, title, cover, intro, publish_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [issue.orgId, issue.year, issue.number, ...issueValues(issue), at, at],
      );
      let issueId = created.insertId;
      if (!created.inserted) {
        issueId = Number(
          await sql.value('SELECT id FROM magazine_issues WHERE org_id = ? AND year = ? AND number = ?', [issue.orgId, issue.year, issue.number]),
        );
        // one import of an issue at a time: the issue row is the lock
        await sql.value('SELECT id FROM magazine_issues WHERE id = ? FOR UPDATE', [issueId]);
        await sql.run('UPDATE magazine_issues SET title = ?, cover = ?, intro = ?, publish_at = ?, updated_at = ? WHERE id = ?', [
          ...issueValues(issue),
          at,
          issueId,
        ]);
      }
      const existing = new Map(
        (await sql.rows<{ id: number; slug: string }>('SELECT id, slug FROM magazine_articles WHERE issue_id = ?', [issueId])).map((r) => [r.slug, r.id]),
      );
      for (const a of issue.articles) {
        const id = existing.get(a.slug);
        if (id !== undefined) {
          existing.delete(a.slug);
          await updateArticle(sql, id, a.seq, a);
        } else await insertArticle(sql, issueId, a.slug, a.seq, a);
      }
      for (const id of existing.values()) await sql.run('DELETE FROM magazine_articles WHERE id = ?', [id]);
      return { issueId, created: created.inserted, articles: issue.articles.length };
    });

  const heartbeat: MagazineRepo['heartbeat'] = (beat, rules) =>
    db.tx(async (sql) => {
      const { memberId: m, articleId: a } = beat;
      const at = beat.now.toISOString();
      // rows are made first, then locked by primary key: the member's reader row serialises their beats
      await sql.run('INSERT INTO magazine_readers (member_id) VALUES (?) ON DUPLICATE KEY UPDATE member_id = member_id', [m]);
      const lastBeatAt = (await sql.value<string | null>('SELECT last_beat_at FROM magazine_readers WHERE member_id = ? FOR UPDATE', [m])) ?? null;
      const credit = rules.credit(lastBeatAt);
      await sql.run('UPDATE magazine_readers SET last_beat_at = ? WHERE member_id = ?', [at, m]);
      await sql.run('INSERT INTO magazine_progress (member_id, article_id, opened_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE member_id = member_id', [
        m,
        a,
        at,
      ]);
      const p = (await sql.row<{ activeSeconds: number; maxPosition: number; finishedAt: string | null }>(
        'SELECT active_seconds AS activeSeconds, max_position AS maxPosition, finished_at AS finishedAt FROM magazine_progress WHERE member_id = ? AND article_id = ? FOR UPDATE',
        [m, a],
      ))!;
      const progress = { activeSeconds: p.activeSeconds + credit, maxPosition: Math.max(p.maxPosition, beat.position) };
      await sql.run('UPDATE magazine_progress SET active_seconds = ?, max_position = ? WHERE member_id = ? AND article_id = ?', [
        progress.activeSeconds,
        progress.maxPosition,
        m,
        a,
      ]);
      let finished = p.finishedAt !== null;
      const finishes = !finished && rules.finishes(progress);
      let pointsAwarded = 0;
      if (credit > 0 || finishes) {
        const fin = finishes ? 1 : 0;
        await sql.run(
          'INSERT INTO magazine_daily (member_id, day, seconds, finished) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE seconds = seconds + ?, finished = finished + ?',
          [m, beat.day, credit, fin, credit, fin],
        );
      }
      if (finishes) {
        await sql.run('UPDATE magazine_progress SET finished_at = ? WHERE member_id = ? AND article_id = ?', [at, m, a]);
        finished = true;
        const ordinal = Number(await sql.value('SELECT finished FROM magazine_daily WHERE member_id = ? AND day = ?', [m, beat.day]));
        const award = rules.award(ordinal);
        if (award && (await payPoints(sql, award))) pointsAwarded = award.delta;
      }
      return { credited: credit, activeSeconds: progress.activeSeconds, finished, pointsAwarded };
    });

  const settings = async (m: number): Promise<ReaderSettings> => {
    const r = await db.row<{ fontSize: FontSize; night: number }>('SELECT font_size AS fontSize, night FROM magazine_readers WHERE member_id = ?', [m]);
    return { fontSize: r?.fontSize ?? 'standard', night: !!r?.night };
  };

  /** Candidate ids holding every key (newest first, at most `cand`), of the articles the audience sees. */
  const searchCandidates = (keys: string[], audience: Audience, cand: number) =>
    db.rows<SearchRow>(
      `SELECT a.id AS articleId, i.id AS issueId, i.title AS issueTitle, a.title, a.column_name AS \`column\`, a.search_body AS body
       FROM (SELECT article_id FROM magazine_terms WHERE term IN (${placeholders(keys.length)})
             GROUP BY article_id HAVING COUNT(*) = ? ORDER BY article_id DESC LIMIT ?) m
       JOIN magazine_articles a ON a.id = m.article_id JOIN magazine_issues i ON i.id = a.issue_id JOIN orgs o ON o.id = i.org_id
       WHERE ${VISIBLE} ORDER BY a.id DESC`,
      [...keys, keys.length, cand, ...audienceParams(audience)],
    );

  return {
    importIssue(issue, at) {
      return importIssue(issue, at.toISOString());
    },
    shelf(audience, limit) {
      return db.rows<IssueSummary>(
        `SELECT ${ISSUE_COLS} FROM magazine_issues i JOIN orgs o ON o.id = i.org_id
         WHERE ${VISIBLE} ORDER BY i.publish_at DESC, i.year DESC, i.number DESC LIMIT ?`,
        [...audienceParams(audience), limit],
      );
    },
    async issue(id) {
      return (
        (await db.row<IssueSummary & Publication>(
          `SELECT ${ISSUE_COLS}, ${PUBLICATION_COLS} FROM magazine_issues i JOIN orgs o ON o.id = i.org_id WHERE i.id = ?`,
          [id],
        )) ?? null
      );
    },
    async issueArticles(memberId, issueId) {
      const rows = await db.rows<Row>(
        `SELECT a.id, a.issue_id AS issueId, a.title, a.author, a.column_name AS \`column\`, a.summary, a.reading_minutes AS readingMinutes,
           p.finished_at AS finishedAt, p.opened_at AS openedAt, COALESCE(p.position, 0) AS position
         FROM magazine_articles a LEFT JOIN magazine_progress p ON p.article_id = a.id AND p.member_id = ?
         WHERE a.issue_id = ? ORDER BY a.seq`,
        [memberId, issueId],
      );
      return rows.map(({ finishedAt, openedAt, ...r }) => ({ ...r, status: articleStatus({ finishedAt, openedAt }) }) as ArticleListItem);
    },
    async issueBodies(issueId) {
      const rows = await db.rows<Row>(
        `SELECT ${BODY_COLS} FROM magazine_articles a JOIN magazine_issues i ON i.id = a.issue_id WHERE a.issue_id = ? ORDER BY a.seq`,
        [issueId],
      );
      return rows.map(toBody).map(({ seq: _seq, ...b }) => b);
    },
    async article(id) {
      const r = await db.row<Row>(
        `SELECT ${BODY_COLS}, i.publish_at AS publishAt, ${PUBLICATION_COLS}
         FROM magazine_articles a JOIN magazine_issues i ON i.id = a.issue_id JOIN orgs o ON o.id = i.org_id WHERE a.id = ?`,
        [id],
      );
      if (!r) return null;
      const { publishAt, orgPath, orgLevel, ...body } = r;
      return { ...toBody(body), publishAt, orgPath, orgLevel };
    },
    async neighbours(issueId, seq) {
      const prevId = await db.value<number>('SELECT id FROM magazine_articles WHERE issue_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1', [issueId, seq]);
      const nextId = await db.value<number>('SELECT id FROM magazine_articles WHERE issue_id = ? AND seq > ? ORDER BY seq LIMIT 1', [issueId, seq]);
      return { prevId: prevId ?? null, nextId: nextId ?? null };
    },
    async open(m, a, at) {
      const iso = at.toISOString();
      await db.run('INSERT INTO magazine_progress (member_id, article_id, opened_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE opened_at = ?', [m, a, iso, iso]);
      const r = (await db.row<{ position: number; readAt: string | null; finishedAt: string | null }>(
        'SELECT position, read_at AS readAt, finished_at AS finishedAt FROM magazine_progress WHERE member_id = ? AND article_id = ?',
        [m, a],
      ))!;
      return { position: r.position, readAt: r.readAt, finished: r.finishedAt !== null };
    },
    saveReading(m, a, at, merge) {
      return db.tx(async (sql) => {
        await sql.run('INSERT INTO magazine_progress (member_id, article_id, opened_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE member_id = member_id', [
          m,
          a,
          at.toISOString(),
        ]);
        const current = await sql.row<Reading>(
          'SELECT position, read_at AS readAt, max_position AS maxPosition FROM magazine_progress WHERE member_id = ? AND article_id = ? FOR UPDATE',
          [m, a],
        );
        const decided = merge(current ?? null);
        await sql.run('UPDATE magazine_progress SET position = ?, read_at = ?, max_position = ? WHERE member_id = ? AND article_id = ?', [
          decided.next.position,
          decided.next.readAt,
          decided.next.maxPosition,
          m,
          a,
        ]);
        return decided;
      });
    },
    heartbeat,
    async continueReading(memberId, audience) {
      return (
        (await db.row<ContinueReading>(
          `SELECT a.id AS articleId, a.title, i.id AS issueId, i.title AS issueTitle, p.position
           FROM magazine_progress p JOIN magazine_articles a ON a.id = p.article_id JOIN magazine_issues i ON i.id = a.issue_id
           JOIN orgs o ON o.id = i.org_id
           WHERE p.member_id = ? AND p.finished_at IS NULL AND ${VISIBLE}
           ORDER BY COALESCE(p.read_at, p.opened_at) DESC LIMIT 1`,
          [memberId, ...audienceParams(audience)],
        )) ?? null
      );
    },
    async search(audience, terms, limit) {
      const perTerm = terms.map(termKeys);
      if (perTerm.length === 0 || perTerm.some((k) => k === null || k.length === 0)) return [];
      const keys = [...new Set(perTerm.flat() as string[])];
      // The terms narrow, the text decides (a term's trigrams may all occur without the term itself). The
      // candidate window widens only when articles the audience does not see, or near misses, crowded it out.
      for (let cand = limit * 4; ; cand *= 8) {
        const rows = await searchCandidates(keys, audience, cand);
        const hits = rows.filter((r) => holdsEvery([r.title, r.body], terms)).slice(0, limit);
        if (hits.length >= limit || cand > 1_000_000) return hits;
        const held = Number(
          await db.value(
            `SELECT COUNT(*) FROM (SELECT article_id FROM magazine_terms WHERE term IN (${placeholders(keys.length)})
             GROUP BY article_id HAVING COUNT(*) = ? LIMIT ?) m`,
            [...keys, keys.length, cand],
          ),
        );
        if (held < cand) return hits;
      }
    },
    async setFavorite(m, a, on, at) {
      if (on) await db.insertUnique('INSERT INTO magazine_favorites (member_id, article_id, created_at) VALUES (?, ?, ?)', [m, a, at.toISOString()]);
      else await db.run('DELETE FROM magazine_favorites WHERE member_id = ? AND article_id = ?', [m, a]);
    },
    async isFavorite(m, a) {
      return (await db.value('SELECT 1 FROM magazine_favorites WHERE member_id = ? AND article_id = ?', [m, a])) !== undefined;
    },
    async favorites(m, audience, limit) {
      const rows = await db.rows<Row>(
        `SELECT ${REF_COLS}, f.created_at AS at FROM magazine_favorites f JOIN magazine_articles a ON a.id = f.article_id
         JOIN magazine_issues i ON i.id = a.issue_id JOIN orgs o ON o.id = i.org_id
         LEFT JOIN magazine_progress p ON p.member_id = f.member_id AND p.article_id = a.id
         WHERE f.member_id = ? AND ${VISIBLE} ORDER BY f.created_at DESC LIMIT ?`,
        [m, ...audienceParams(audience), limit],
      );
      return rows.map(toRef);
    },
    async history(m, audience, limit) {
      const rows = await db.rows<Row>(
        `SELECT ${REF_COLS}, p.opened_at AS at FROM magazine_progress p JOIN magazine_articles a ON a.id = p.article_id
         JOIN magazine_issues i ON i.id = a.issue_id JOIN orgs o ON o.id = i.org_id
         WHERE p.member_id = ? AND ${VISIBLE} ORDER BY p.opened_at DESC LIMIT ?`,
        [m, ...audienceParams(audience), limit],
      );
      return rows.map(toRef);
    },
    settings,
    async saveSettings(m, patch) {
      const fontSize = patch.fontSize ?? null;
      const night = patch.night === undefined ? null : patch.night ? 1 : 0;
      await db.run(
        `INSERT INTO magazine_readers (member_id, font_size, night) VALUES (?, COALESCE(?, 'standard'), COALESCE(?, 0))
         ON DUPLICATE KEY UPDATE font_size = COALESCE(?, font_size), night = COALESCE(?, night)`,
        [m, fontSize, night, fontSize, night],
      );
      return settings(m);
    },
    dailySeconds(m, sinceDay) {
      return db.rows('SELECT day, seconds FROM magazine_daily WHERE member_id = ? AND day >= ? ORDER BY day', [m, sinceDay]);
    },
    finished(m, limit) {
      return db.rows(
        `SELECT a.id AS articleId, a.title, i.title AS issueTitle, p.finished_at AS finishedAt FROM magazine_progress p
         JOIN magazine_articles a ON a.id = p.article_id JOIN magazine_issues i ON i.id = a.issue_id
         WHERE p.member_id = ? AND p.finished_at IS NOT NULL ORDER BY p.finished_at DESC LIMIT ?`,
        [m, limit],
      );
    },
    async adminIssues(paths) {
      const rows = await db.rows<AdminIssueRow>(`SELECT ${ADMIN_COLS} FROM magazine_issues i JOIN orgs o ON o.id = i.org_id ORDER BY i.publish_at DESC`);
      // whether it is out yet is the handler's to say, by its clock
      return rows.filter((r) => paths.some((p) => r.orgPath.startsWith(p))).map((r) => ({ ...r, published: false }));
    },
    async adminIssue(id) {
      const r = await db.row<AdminIssueRow>(`SELECT ${ADMIN_COLS} FROM magazine_issues i JOIN orgs o ON o.id = i.org_id WHERE i.id = ?`, [id]);
      return r ? { ...r, published: false } : null;
    },
    async setPublishAt(id, publishAt, at) {
      await db.run('UPDATE magazine_issues SET publish_at = ?, updated_at = ? WHERE id = ?', [publishAt.toISOString(), at.toISOString(), id]);
    },
    async adminArticles(issueId) {
      return (await db.rows<Row>(`SELECT ${ADMIN_ARTICLE_COLS} FROM magazine_articles WHERE issue_id = ? ORDER BY seq, id`, [issueId])).map(toAdminArticle);
    },
    async saveIssue(issue, at) {
      const iso = at.toISOString();
      if (issue.id === undefined) {
        const r = await db.insertUnique(
          'INSERT INTO magazine_issues (org_id, year, number, title, cover, intro, publish_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [issue.orgId, issue.year, issue.number, ...issueValues(issue), iso, iso],
        );
        return r.inserted ? { issueId: r.insertId } : 'conflict';
      }
      try {
        await db.run(
          'UPDATE magazine_issues SET org_id = ?, year = ?, number = ?, title = ?, cover = ?, intro = ?, publish_at = ?, updated_at = ? WHERE id = ?',
          [issue.orgId, issue.year, issue.number, ...issueValues(issue), iso, issue.id],
        );
        return { issueId: issue.id };
      } catch (e) {
        if (isDuplicateKey(e)) return 'conflict';
        throw e;
      }
    },
    saveArticle(issueId, a) {
      return db.tx(async (sql) => {
        // the issue row is the lock: two articles added at once get different places
        if ((await sql.value('SELECT id FROM magazine_issues WHERE id = ? FOR UPDATE', [issueId])) === undefined) return null;
        let id = a.id;
        if (id !== undefined) {
          const cur = await sql.row<{ issueId: number; seq: number }>('SELECT issue_id AS issueId, seq FROM magazine_articles WHERE id = ? FOR UPDATE', [id]);
          if (!cur || cur.issueId !== issueId) return null;
          await updateArticle(sql, id, a.seq ?? cur.seq, a);
        } else {
          const seq = a.seq ?? Number(await sql.value('SELECT COALESCE(MAX(seq), 0) FROM magazine_articles WHERE issue_id = ?', [issueId])) + 1;
          const slug = `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
          id = await insertArticle(sql, issueId, slug, seq, a);
        }
        return toAdminArticle((await sql.row<Row>(`SELECT ${ADMIN_ARTICLE_COLS} FROM magazine_articles WHERE id = ?`, [id]))!);
      });
    },
    async articleIssue(id) {
      const issueId = await db.value<number>('SELECT issue_id FROM magazine_articles WHERE id = ?', [id]);
      return issueId ?? null;
    },
    async deleteArticle(id) {
      return (await db.run('DELETE FROM magazine_articles WHERE id = ?', [id])).affected > 0;
    },
    exportRows(m) {
      return db.rows(
        `SELECT a.title AS \`文章\`, ROUND(p.position * 100) AS \`阅读位置百分比\`, p.active_seconds AS \`阅读秒数\`, p.opened_at AS \`最近打开\`,
           p.finished_at AS \`读完时间\`,
           (SELECT 1 FROM magazine_favorites f WHERE f.member_id = p.member_id AND f.article_id = p.article_id) AS \`收藏\`
         FROM magazine_progress p JOIN magazine_articles a ON a.id = p.article_id WHERE p.member_id = ? ORDER BY p.opened_at`,
        [m],
      );
    },
  };
}
