import { statementCache, type Db } from './db';
import type { AdminArticle, ArticleBody, ArticleListItem, IssueSummary } from '../../contracts/magazine';
import type { ArticleFields, MagazineRepo, Publication, SearchRow } from '../../features/magazine/repo';
import { articleStatus, type Audience, type Reading } from '../../features/magazine/rules';
import { storedArticle } from '../../features/magazine/render';
import { bigrams } from '../../features/magazine/search-terms';
import { groupCommitOf } from './group-commit';
import { ledgerWriter } from './points';

/** The feature's audience (rules.ts) as a filter on issue i of org o. */
const VISIBLE = `i.publish_at <= @at AND (o.level = @publicLevel OR o.path IN (@p0, @p1, @p2, @p3, @p4))`;

const ISSUE_COLS = `i.id, i.year, i.number, i.title, i.cover, i.intro, i.publish_at AS publishAt,
  (SELECT COUNT(*) FROM magazine_articles a WHERE a.issue_id = i.id) AS articleCount`;

/**
 * An FTS5 query requiring every term as a phrase. Inside a quoted string FTS5 takes any character but NUL
 * (which ends its string early): NUL is dropped, quotes doubled. Empty when no term is left.
 */
export function ftsAll(terms: string[]): string {
  return terms
    .map((t) => t.replace(/\0/g, ''))
    .filter((t) => t.length > 0)
    .map((t) => `"${t.replace(/"/g, '""')}"`)
    .join(' AND ');
}

function audienceParams(a: Audience) {
  const [p0, p1, p2, p3, p4] = a.publisherPaths;
  return { at: a.at, publicLevel: a.publicLevel, p0, p1, p2, p3, p4 };
}

export function sqliteMagazineRepo(db: Db): MagazineRepo {
  const inGroupCommit = groupCommitOf(db);
  const payPoints = ledgerWriter(db);
  const findIssue = db.prepare('SELECT id FROM magazine_issues WHERE org_id = ? AND year = ? AND number = ?').pluck();
  const insertIssue = db.prepare(
    `INSERT INTO magazine_issues (org_id, year, number, title, cover, intro, publish_at, created_at, updated_at)
     VALUES (@orgId, @year, @number, @title, @cover, @intro, @publishAt, @at, @at)`,
  );
  const updateIssue = db.prepare('UPDATE magazine_issues SET title=@title, cover=@cover, intro=@intro, publish_at=@publishAt, updated_at=@at WHERE id=@id');
  const updateIssueFull = db.prepare(
    `UPDATE magazine_issues SET org_id=@orgId, year=@year, number=@number, title=@title, cover=@cover, intro=@intro,
     publish_at=@publishAt, updated_at=@at WHERE id=@id`,
  );
  const articleSlugs = db.prepare('SELECT id, slug FROM magazine_articles WHERE issue_id = ?');
  const insertArticle = db.prepare(
    `INSERT INTO magazine_articles (issue_id, slug, seq, title, author, column_name, summary, body_md, nodes_json, reading_minutes, sample)
     VALUES (@issueId, @slug, @seq, @title, @author, @column, @summary, @bodyMd, @nodes, @minutes, @sample)`,
  );
  const updateArticle = db.prepare(
    `UPDATE magazine_articles SET seq=@seq, title=@title, author=@author, column_name=@column, summary=@summary,
     body_md=@bodyMd, nodes_json=@nodes, reading_minutes=@minutes, sample=@sample WHERE id=@id`,
  );
  const deleteArticle = db.prepare('DELETE FROM magazine_articles WHERE id = ?');
  const ftsDelete = db.prepare('DELETE FROM magazine_fts WHERE rowid = ?');
  const ftsInsert = db.prepare('INSERT INTO magazine_fts (rowid, title, body) VALUES (?, ?, ?)');
  const biDelete = db.prepare('DELETE FROM magazine_bigrams WHERE rowid = ?');
  const biInsert = db.prepare('INSERT INTO magazine_bigrams (rowid, grams) VALUES (?, ?)');

  const index = (id: number, title: string, searchBody: string) => {
    ftsInsert.run(id, title, searchBody);
    biInsert.run(id, bigrams(title + '\n' + searchBody).join(' '));
  };
  const articleRow = (issueId: number, slug: string, seq: number, a: ArticleFields) => {
    const stored = storedArticle(a);
    return {
      searchBody: stored.searchBody,
      row: {
        issueId,
        slug,
        seq,
        title: a.title,
        author: a.author,
        column: a.column,
        summary: a.summary,
        bodyMd: a.bodyMd,
        nodes: stored.nodesJson,
        minutes: stored.readingMinutes,
        sample: a.sample ? 1 : 0,
      },
    };
  };
  const ADMIN_ARTICLE_COLS = `id, seq, title, author, column_name AS "column", summary, body_md AS bodyMd, reading_minutes AS readingMinutes, sample`;
  const adminArticles = db.prepare(`SELECT ${ADMIN_ARTICLE_COLS} FROM magazine_articles WHERE issue_id = ? ORDER BY seq, id`);
  const adminArticle = db.prepare(`SELECT ${ADMIN_ARTICLE_COLS}, issue_id AS issueId, slug FROM magazine_articles WHERE id = ?`);
  const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM magazine_articles WHERE issue_id = ?').pluck();
  const toAdminArticle = (r: any): AdminArticle => ({ ...r, sample: !!r.sample });
  const saveArticle = db.transaction((issueId: number, a: ArticleFields & { id?: number; seq?: number }) => {
    let id = a.id;
    if (id !== undefined) {
      const cur = adminArticle.get(id) as { issueId: number; slug: string; seq: number } | undefined;
      if (!cur || cur.issueId !== issueId) return null;
      const { row, searchBody } = articleRow(issueId, cur.slug, a.seq ?? cur.seq, a);
      updateArticle.run({ ...row, id });
      ftsDelete.run(id);
      biDelete.run(id);
      index(id, a.title, searchBody);
    } else {
      const seq = a.seq ?? (maxSeq.get(issueId) as number) + 1;
      const slug = `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
      const { row, searchBody } = articleRow(issueId, slug, seq, a);
      id = Number(insertArticle.run(row).lastInsertRowid);
      index(id, a.title, searchBody);
    }
    return toAdminArticle(adminArticle.get(id));
  });
  const removeArticle = db.transaction((id: number) => {
    ftsDelete.run(id);
    biDelete.run(id);
    return deleteArticle.run(id).changes > 0;
  });

  const importIssue = db.transaction((issue: Parameters<MagazineRepo['importIssue']>[0], at: string) => {
    const base = { title: issue.title, cover: issue.cover, intro: issue.intro, publishAt: issue.publishAt.toISOString(), at };
    let issueId = findIssue.get(issue.orgId, issue.year, issue.number) as number | undefined;
    const created = issueId === undefined;
    if (issueId === undefined) {
      issueId = Number(insertIssue.run({ ...base, orgId: issue.orgId, year: issue.year, number: issue.number }).lastInsertRowid);
    } else updateIssue.run({ ...base, id: issueId });
    const existing = new Map((articleSlugs.all(issueId) as { id: number; slug: string }[]).map((r) => [r.slug, r.id]));
    for (const a of issue.articles) {
      const { row, searchBody } = articleRow(issueId, a.slug, a.seq, a);
      let id = existing.get(a.slug);
      if (id !== undefined) {
        updateArticle.run({ ...row, id });
        existing.delete(a.slug);
        ftsDelete.run(id);
        biDelete.run(id);
      } else id = Number(insertArticle.run(row).lastInsertRowid);
      index(id, a.title, searchBody);
    }
    for (const id of existing.values()) {
      ftsDelete.run(id);
      biDelete.run(id);
      deleteArticle.run(id);
    }
    return { issueId, created, articles: issue.articles.length };
  });

  const shelf = db.prepare(
    `SELECT ${ISSUE_COLS} FROM magazine_issues i JOIN orgs o ON o.id = i.org_id
     WHERE ${VISIBLE} ORDER BY i.publish_at DESC, i.year DESC, i.number DESC LIMIT @limit`,
  );
  const PUBLICATION_COLS = 'i.publish_at AS publishAt, o.path AS orgPath, o.level AS orgLevel';
  const issue = db.prepare(`SELECT ${ISSUE_COLS}, ${PUBLICATION_COLS} FROM magazine_issues i JOIN orgs o ON o.id = i.org_id WHERE i.id = ?`);
  const issueArticles = db.prepare(
    `SELECT a.id, a.issue_id AS issueId, a.title, a.author, a.column_name AS "column", a.summary, a.reading_minutes AS readingMinutes,
       p.finished_at AS finishedAt, p.opened_at AS openedAt, COALESCE(p.position, 0) AS position
     FROM magazine_articles a LEFT JOIN magazine_progress p ON p.article_id = a.id AND p.member_id = ?
     WHERE a.issue_id = ? ORDER BY a.seq`,
  );
  const BODY_COLS = `a.id, a.issue_id AS issueId, i.title AS issueTitle, a.title, a.author, a.column_name AS "column", a.summary,
    a.reading_minutes AS readingMinutes, a.nodes_json AS nodesJson, a.seq, a.sample`;
  const issueBodies = db.prepare(
    `SELECT ${BODY_COLS} FROM magazine_articles a JOIN magazine_issues i ON i.id = a.issue_id WHERE a.issue_id = ? ORDER BY a.seq`,
  );
  const article = db.prepare(
    `SELECT ${BODY_COLS}, ${PUBLICATION_COLS} FROM magazine_articles a JOIN magazine_issues i ON i.id = a.issue_id JOIN orgs o ON o.id = i.org_id
     WHERE a.id = ?`,
  );
  const prev = db.prepare('SELECT id FROM magazine_articles WHERE issue_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1').pluck();
  const next = db.prepare('SELECT id FROM magazine_articles WHERE issue_id = ? AND seq > ? ORDER BY seq LIMIT 1').pluck();
  const toBody = (r: any): ArticleBody & { seq: number } => {
    const { nodesJson, sample, ...rest } = r;
    return { ...rest, nodes: JSON.parse(nodesJson), sample: !!sample };
  };

  const openRow = db.prepare(
    `INSERT INTO magazine_progress (member_id, article_id, opened_at) VALUES (?, ?, ?)
     ON CONFLICT (member_id, article_id) DO UPDATE SET opened_at = excluded.opened_at
     RETURNING position, read_at AS readAt, finished_at AS finishedAt`,
  );
  const readingRow = db.prepare(
    'SELECT position, read_at AS readAt, max_position AS maxPosition FROM magazine_progress WHERE member_id = ? AND article_id = ?',
  );
  const writeReading = db.prepare(
    `INSERT INTO magazine_progress (member_id, article_id, position, max_position, read_at, opened_at)
     VALUES (@m, @a, @position, @maxPosition, @readAt, @at)
     ON CONFLICT (member_id, article_id) DO UPDATE SET
       position = excluded.position, max_position = excluded.max_position, read_at = excluded.read_at`,
  );

  const reader = db.prepare('SELECT font_size AS fontSize, night, last_beat_at AS lastBeatAt FROM magazine_readers WHERE member_id = ?');
  const upsertBeat = db.prepare(
    `INSERT INTO magazine_readers (member_id, last_beat_at) VALUES (?, ?)
     ON CONFLICT (member_id) DO UPDATE SET last_beat_at = excluded.last_beat_at`,
  );
  const ensureProgress = db.prepare(`INSERT INTO magazine_progress (member_id, article_id, opened_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
  const creditArticle = db.prepare(
    `UPDATE magazine_progress SET active_seconds = active_seconds + @credit, max_position = max(max_position, @pos)
     WHERE member_id = @m AND article_id = @a
     RETURNING active_seconds AS activeSeconds, max_position AS maxPosition, finished_at AS finishedAt`,
  );
  const finish = db.prepare('UPDATE magazine_progress SET finished_at = ? WHERE member_id = ? AND article_id = ? AND finished_at IS NULL');
  /** Adds to the member's day; answers how many articles they finished that day so far. */
  const creditDay = db
    .prepare(
      `INSERT INTO magazine_daily (member_id, day, seconds, finished) VALUES (@m, @day, @credit, @fin)
       ON CONFLICT (member_id, day) DO UPDATE SET seconds = seconds + @credit, finished = finished + @fin
       RETURNING finished`,
    )
    .pluck();

  const heartbeat = (beat: Parameters<MagazineRepo['heartbeat']>[0], rules: Parameters<MagazineRepo['heartbeat']>[1]) => {
    const { memberId: m, articleId: a } = beat;
    const at = beat.now.toISOString();
    const r = reader.get(m) as { lastBeatAt: string | null } | undefined;
    const credit = rules.credit(r?.lastBeatAt ?? null);
    upsertBeat.run(m, at);
    ensureProgress.run(m, a, at);
    const p = creditArticle.get({ credit, pos: beat.position, m, a }) as { activeSeconds: number; maxPosition: number; finishedAt: string | null };
    let finished = p.finishedAt !== null;
    let pointsAwarded = 0;
    if (!finished && rules.finishes(p)) {
      finish.run(at, m, a);
      finished = true;
      const ordinal = creditDay.get({ m, day: beat.day, credit, fin: 1 }) as number;
      const award = rules.award(ordinal);
      if (award && payPoints(award)) pointsAwarded = award.delta;
    } else if (credit > 0) creditDay.run({ m, day: beat.day, credit, fin: 0 });
    return { credited: credit, activeSeconds: p.activeSeconds, finished, pointsAwarded };
  };

  const continueReading = db.prepare(
    `SELECT a.id AS articleId, a.title, i.id AS issueId, i.title AS issueTitle, p.position
     FROM magazine_progress p JOIN magazine_articles a ON a.id = p.article_id JOIN magazine_issues i ON i.id = a.issue_id
     JOIN orgs o ON o.id = i.org_id
     WHERE p.member_id = @m AND p.finished_at IS NULL AND ${VISIBLE}
     ORDER BY COALESCE(p.read_at, p.opened_at) DESC LIMIT 1`,
  );

  // Search: the most selective index drives, newest articles first, stopping after a bounded number of
  // candidates (FTS5 walks its doclist by rowid and stops early), so a word found in every article costs
  // no more than a rare one. Terms of 3+ characters go to the trigram index, 2-character terms to the bigram one.
  const statement = statementCache(db);
  const INDEX = { tri: 'magazine_fts', bi: 'magazine_bigrams' } as const;
  const searchSql = (driver: keyof typeof INDEX, filter: boolean) => {
    const [dt, ot] = driver === 'tri' ? [INDEX.tri, INDEX.bi] : [INDEX.bi, INDEX.tri];
    return `SELECT a.id AS articleId, i.id AS issueId, i.title AS issueTitle, a.title, a.column_name AS "column", f.body
      FROM (SELECT rowid AS id FROM ${dt} WHERE ${dt} MATCH @d ORDER BY rowid DESC LIMIT @cand) m
      JOIN magazine_articles a ON a.id = m.id JOIN magazine_issues i ON i.id = a.issue_id JOIN orgs o ON o.id = i.org_id
      JOIN magazine_fts f ON f.rowid = a.id
      WHERE ${filter ? `a.id IN (SELECT rowid FROM ${ot} WHERE ${ot} MATCH @o) AND ` : ''}${VISIBLE}
      ORDER BY a.id DESC LIMIT @limit`;
  };
  const candidatesSql = (driver: keyof typeof INDEX) => `SELECT COUNT(*) FROM (SELECT rowid FROM ${INDEX[driver]} WHERE ${INDEX[driver]} MATCH ? LIMIT ?)`;

  const favOn = db.prepare('INSERT INTO magazine_favorites (member_id, article_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const favOff = db.prepare('DELETE FROM magazine_favorites WHERE member_id = ? AND article_id = ?');
  const isFav = db.prepare('SELECT 1 FROM magazine_favorites WHERE member_id = ? AND article_id = ?').pluck();
  const REF_COLS = `a.id AS articleId, i.id AS issueId, a.title, i.title AS issueTitle, a.column_name AS "column",
    COALESCE(p.position, 0) AS position, p.finished_at AS finishedAt, p.opened_at AS openedAt`;
  const favorites = db.prepare(
    `SELECT ${REF_COLS}, f.created_at AS at FROM magazine_favorites f JOIN magazine_articles a ON a.id = f.article_id
     JOIN magazine_issues i ON i.id = a.issue_id JOIN orgs o ON o.id = i.org_id
     LEFT JOIN magazine_progress p ON p.member_id = f.member_id AND p.article_id = a.id
     WHERE f.member_id = @m AND ${VISIBLE} ORDER BY f.created_at DESC LIMIT @limit`,
  );
  const history = db.prepare(
    `SELECT ${REF_COLS}, p.opened_at AS at FROM magazine_progress p JOIN magazine_articles a ON a.id = p.article_id
     JOIN magazine_issues i ON i.id = a.issue_id JOIN orgs o ON o.id = i.org_id
     WHERE p.member_id = @m AND ${VISIBLE} ORDER BY p.opened_at DESC LIMIT @limit`,
  );
  const toRef = (r: any) => ({
    articleId: r.articleId,
    issueId: r.issueId,
    title: r.title,
    issueTitle: r.issueTitle,
    column: r.column,
    at: r.at,
    position: r.position,
    status: articleStatus(r),
  });

  const saveSettings = db.prepare(
    `INSERT INTO magazine_readers (member_id, font_size, night) VALUES (@m, COALESCE(@fontSize, 'standard'), COALESCE(@night, 0))
     ON CONFLICT (member_id) DO UPDATE SET font_size = COALESCE(@fontSize, font_size), night = COALESCE(@night, night)
     RETURNING font_size AS fontSize, night`,
  );
  const daily = db.prepare('SELECT day, seconds FROM magazine_daily WHERE member_id = ? AND day >= ? ORDER BY day');
  const finished = db.prepare(
    `SELECT a.id AS articleId, a.title, i.title AS issueTitle, p.finished_at AS finishedAt FROM magazine_progress p
     JOIN magazine_articles a ON a.id = p.article_id JOIN magazine_issues i ON i.id = a.issue_id
     WHERE p.member_id = ? AND p.finished_at IS NOT NULL ORDER BY p.finished_at DESC LIMIT ?`,
  );
  const ADMIN_COLS = `${ISSUE_COLS}, i.org_id AS orgId, o.name AS orgName, o.path AS orgPath`;
  const adminIssue = db.prepare(`SELECT ${ADMIN_COLS} FROM magazine_issues i JOIN orgs o ON o.id = i.org_id WHERE i.id = ?`);
  const allAdmin = db.prepare(`SELECT ${ADMIN_COLS} FROM magazine_issues i JOIN orgs o ON o.id = i.org_id ORDER BY i.publish_at DESC`);
  const setPublish = db.prepare('UPDATE magazine_issues SET publish_at = ?, updated_at = ? WHERE id = ?');
  const exportRows = db.prepare(
    `SELECT a.title AS 文章, round(p.position * 100) AS 阅读位置百分比, p.active_seconds AS 阅读秒数, p.opened_at AS 最近打开,
       p.finished_at AS 读完时间, (SELECT 1 FROM magazine_favorites f WHERE f.member_id = p.member_id AND f.article_id = p.article_id) AS 收藏
     FROM magazine_progress p JOIN magazine_articles a ON a.id = p.article_id WHERE p.member_id = ? ORDER BY p.opened_at`,
  );

  return {
    async importIssue(issue, at) {
      return importIssue(issue, at.toISOString());
    },
    async shelf(audience, limit) {
      return shelf.all({ ...audienceParams(audience), limit }) as IssueSummary[];
    },
    async issue(id) {
      return (issue.get(id) as (IssueSummary & Publication) | undefined) ?? null;
    },
    async issueArticles(memberId, issueId) {
      return (issueArticles.all(memberId, issueId) as any[]).map(({ finishedAt, openedAt, ...r }) => ({
        ...r,
        status: articleStatus({ finishedAt, openedAt }),
      })) as ArticleListItem[];
    },
    async issueBodies(issueId) {
      return (issueBodies.all(issueId) as any[]).map(toBody).map(({ seq: _seq, ...b }) => b);
    },
    async article(id) {
      const r = article.get(id) as any;
      return r ? { ...toBody(r), publishAt: r.publishAt, orgPath: r.orgPath, orgLevel: r.orgLevel } : null;
    },
    async neighbours(issueId, seq) {
      return { prevId: (prev.get(issueId, seq) as number | undefined) ?? null, nextId: (next.get(issueId, seq) as number | undefined) ?? null };
    },
    async open(m, a, at) {
      const r = openRow.get(m, a, at.toISOString()) as { position: number; readAt: string | null; finishedAt: string | null };
      return { position: r.position, readAt: r.readAt, finished: r.finishedAt !== null };
    },
    saveReading(m, a, at, merge) {
      return inGroupCommit(() => {
        const decided = merge((readingRow.get(m, a) as Reading | undefined) ?? null);
        writeReading.run({ m, a, ...decided.next, at: at.toISOString() });
        return decided;
      });
    },
    heartbeat(beat, rules) {
      return inGroupCommit(() => heartbeat(beat, rules));
    },
    async continueReading(memberId, audience) {
      return (continueReading.get({ ...audienceParams(audience), m: memberId }) as any) ?? null;
    },
    async search(audience, terms, limit) {
      const tri = ftsAll(terms.filter((t) => Array.from(t).length >= 3));
      const bi = ftsAll(terms.filter((t) => Array.from(t).length < 3).map((t) => t.toLowerCase()));
      if (!tri && !bi) return [];
      const driver = tri ? 'tri' : 'bi';
      const search = statement(searchSql(driver, !!(tri && bi)));
      const params = { ...audienceParams(audience), limit, d: tri || bi, o: bi };
      // widen the candidate window only when invisible (unpublished, other orgs') articles crowded it out
      for (let cand = limit * 4; ; cand *= 8) {
        const rows = search.all({ ...params, cand }) as SearchRow[];
        if (rows.length >= limit || cand > 1_000_000) return rows;
        if ((statement(candidatesSql(driver)).pluck().get(params.d, cand) as number) < cand) return rows;
      }
    },
    async setFavorite(m, a, on, at) {
      if (on) favOn.run(m, a, at.toISOString());
      else favOff.run(m, a);
    },
    async isFavorite(m, a) {
      return isFav.get(m, a) === 1;
    },
    async favorites(m, audience, limit) {
      return (favorites.all({ ...audienceParams(audience), m, limit }) as any[]).map(toRef);
    },
    async history(m, audience, limit) {
      return (history.all({ ...audienceParams(audience), m, limit }) as any[]).map(toRef);
    },
    async settings(m) {
      const r = reader.get(m) as { fontSize: any; night: number } | undefined;
      return { fontSize: r?.fontSize ?? 'standard', night: !!r?.night };
    },
    async saveSettings(m, patch) {
      const r = saveSettings.get({ m, fontSize: patch.fontSize ?? null, night: patch.night === undefined ? null : patch.night ? 1 : 0 }) as any;
      return { fontSize: r.fontSize, night: !!r.night };
    },
    async dailySeconds(m, sinceDay) {
      return daily.all(m, sinceDay) as any[];
    },
    async finished(m, limit) {
      return finished.all(m, limit) as any[];
    },
    async adminIssues(paths) {
      return (allAdmin.all() as any[]).filter((r) => paths.some((p) => r.orgPath.startsWith(p))).map((r) => ({ ...r, published: false }));
    },
    async adminIssue(id) {
      const r = adminIssue.get(id) as any;
      return r ? { ...r, published: false } : null;
    },
    async setPublishAt(id, publishAt, at) {
      setPublish.run(publishAt.toISOString(), at.toISOString(), id);
    },
    async adminArticles(issueId) {
      return (adminArticles.all(issueId) as any[]).map(toAdminArticle);
    },
    async saveIssue(issue, at) {
      const row = {
        title: issue.title,
        cover: issue.cover,
        intro: issue.intro,
        publishAt: issue.publishAt.toISOString(),
        at: at.toISOString(),
      };
      try {
        if (issue.id === undefined) {
          return { issueId: Number(insertIssue.run({ ...row, orgId: issue.orgId, year: issue.year, number: issue.number }).lastInsertRowid) };
        }
        updateIssueFull.run({ ...row, id: issue.id, orgId: issue.orgId, year: issue.year, number: issue.number });
        return { issueId: issue.id };
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return 'conflict';
        throw e;
      }
    },
    async saveArticle(issueId, a) {
      return saveArticle(issueId, a);
    },
    async articleIssue(id) {
      return (adminArticle.get(id) as { issueId: number } | undefined)?.issueId ?? null;
    },
    async deleteArticle(id) {
      return removeArticle(id);
    },
    async exportRows(m) {
      return exportRows.all(m) as any[];
    },
  };
}
