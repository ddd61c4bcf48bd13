import type { Migration } from '../migrate';

export const magazineMigrations: Migration[] = [
  {
    id: '400_magazine',
    sql: `
      CREATE TABLE magazine_issues (
        id INTEGER PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES orgs(id),
        year INTEGER NOT NULL,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        cover TEXT NOT NULL,
        intro TEXT NOT NULL DEFAULT '',
        publish_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (org_id, year, number)
      );
      CREATE INDEX magazine_issues_publish ON magazine_issues(publish_at);

      CREATE TABLE magazine_articles (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES magazine_issues(id) ON DELETE CASCADE,
        slug TEXT NOT NULL,
        seq INTEGER NOT NULL,
        title TEXT NOT NULL,
        author TEXT NOT NULL,
        column_name TEXT NOT NULL,
        summary TEXT NOT NULL,
        body_md TEXT NOT NULL,
        nodes_json TEXT NOT NULL,
        reading_minutes INTEGER NOT NULL,
        sample INTEGER NOT NULL DEFAULT 0,
        UNIQUE (issue_id, slug)
      );
      CREATE INDEX magazine_articles_issue ON magazine_articles(issue_id, seq);

      -- Search: trigram for 3+ characters, a bigram shadow (one token per adjacent pair) for 2.
      CREATE VIRTUAL TABLE magazine_fts USING fts5(title, body, tokenize = 'trigram');
      CREATE VIRTUAL TABLE magazine_bigrams USING fts5(grams, content = '', contentless_delete = 1, tokenize = 'unicode61');

      -- Personal rows: removed with the member.
      CREATE TABLE magazine_progress (
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES magazine_articles(id) ON DELETE CASCADE,
        position REAL NOT NULL DEFAULT 0,
        max_position REAL NOT NULL DEFAULT 0,
        read_at TEXT,
        opened_at TEXT NOT NULL,
        active_seconds INTEGER NOT NULL DEFAULT 0,
        finished_at TEXT,
        PRIMARY KEY (member_id, article_id)
      );
      CREATE INDEX magazine_progress_opened ON magazine_progress(member_id, opened_at);

      CREATE TABLE magazine_readers (
        member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
        font_size TEXT NOT NULL DEFAULT 'standard',
        night INTEGER NOT NULL DEFAULT 0,
        last_beat_at TEXT
      );

      CREATE TABLE magazine_daily (
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        seconds INTEGER NOT NULL DEFAULT 0,
        finished INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (member_id, day)
      );

      CREATE TABLE magazine_favorites (
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES magazine_articles(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (member_id, article_id)
      );
    `,
  },
];
