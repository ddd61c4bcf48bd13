import { TABLE, type MysqlMigration } from '../migrate';

/**
 * 《人生》: the MySQL twin of adapters/sqlite/schema/magazine.ts. Search has no FULLTEXT (MariaDB has no ngram
 * parser, TiDB no FULLTEXT): the app writes each article's index terms (features/magazine/search-terms.ts)
 * into magazine_terms. Terms are VARBINARY so that comparison is byte for byte with no trailing-space padding
 * ("血压 " and "血压" are different terms).
 */
export const magazineMigrations: MysqlMigration[] = [
  {
    id: '400_magazine',
    statements: [
      `CREATE TABLE magazine_issues (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        org_id VARCHAR(32) NOT NULL,
        year SMALLINT NOT NULL,
        number SMALLINT NOT NULL,
        title VARCHAR(100) NOT NULL,
        cover VARCHAR(255) NOT NULL,
        intro TEXT NOT NULL,
        publish_at VARCHAR(32) NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        UNIQUE KEY magazine_issues_number (org_id, year, number),
        KEY magazine_issues_publish (publish_at),
        CONSTRAINT magazine_issues_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)
      ) ${TABLE}`,
      `CREATE TABLE magazine_articles (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        issue_id BIGINT NOT NULL,
        slug VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
        seq INT NOT NULL,
        title VARCHAR(100) NOT NULL,
        author VARCHAR(100) NOT NULL,
        column_name VARCHAR(50) NOT NULL,
        summary TEXT NOT NULL,
        body_md MEDIUMTEXT NOT NULL,
        nodes_json MEDIUMTEXT NOT NULL,
        reading_minutes INT NOT NULL,
        sample TINYINT NOT NULL DEFAULT 0,
        search_body MEDIUMTEXT NOT NULL,
        UNIQUE KEY magazine_articles_slug (issue_id, slug),
        KEY magazine_articles_issue (issue_id, seq),
        CONSTRAINT magazine_articles_issue_fk FOREIGN KEY (issue_id) REFERENCES magazine_issues (id) ON DELETE CASCADE
      ) ${TABLE}`,
      `CREATE TABLE magazine_terms (
        term VARBINARY(16) NOT NULL,
        article_id BIGINT NOT NULL,
        PRIMARY KEY (term, article_id),
        KEY magazine_terms_article (article_id),
        CONSTRAINT magazine_terms_article_fk FOREIGN KEY (article_id) REFERENCES magazine_articles (id) ON DELETE CASCADE
      ) ${TABLE}`,
      `CREATE TABLE magazine_progress (
        member_id BIGINT NOT NULL,
        article_id BIGINT NOT NULL,
        position DOUBLE NOT NULL DEFAULT 0,
        max_position DOUBLE NOT NULL DEFAULT 0,
        read_at VARCHAR(32) NULL,
        opened_at VARCHAR(32) NOT NULL,
        active_seconds INT NOT NULL DEFAULT 0,
        finished_at VARCHAR(32) NULL,
        PRIMARY KEY (member_id, article_id),
        KEY magazine_progress_opened (member_id, opened_at),
        KEY magazine_progress_article (article_id),
        CONSTRAINT magazine_progress_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
        CONSTRAINT magazine_progress_article_fk FOREIGN KEY (article_id) REFERENCES magazine_articles (id) ON DELETE CASCADE
      ) ${TABLE}`,
      `CREATE TABLE magazine_readers (
        member_id BIGINT NOT NULL PRIMARY KEY,
        font_size VARCHAR(16) NOT NULL DEFAULT 'standard',
        night TINYINT NOT NULL DEFAULT 0,
        last_beat_at VARCHAR(32) NULL,
        CONSTRAINT magazine_readers_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
      ) ${TABLE}`,
      `CREATE TABLE magazine_daily (
        member_id BIGINT NOT NULL,
        day CHAR(10) NOT NULL,
        seconds INT NOT NULL DEFAULT 0,
        finished INT NOT NULL DEFAULT 0,
        PRIMARY KEY (member_id, day),
        CONSTRAINT magazine_daily_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
      ) ${TABLE}`,
      `CREATE TABLE magazine_favorites (
        member_id BIGINT NOT NULL,
        article_id BIGINT NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (member_id, article_id),
        KEY magazine_favorites_created (member_id, created_at),
        KEY magazine_favorites_article (article_id),
        CONSTRAINT magazine_favorites_member_fk FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
        CONSTRAINT magazine_favorites_article_fk FOREIGN KEY (article_id) REFERENCES magazine_articles (id) ON DELETE CASCADE
      ) ${TABLE}`,
    ],
  },
];
