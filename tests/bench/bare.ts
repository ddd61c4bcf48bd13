/**
 * The baseline servers the API is compared against, measured in the same run:
 *   plain  — bare node:http answering {"ok":true}
 *   sqlite — the same plus one better-sqlite3 INSERT per request (WAL, synchronous=NORMAL)
 *   mysql  — the same plus one mysql2 pool INSERT per request into DATABASE_URL (InnoDB, durable commit)
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';

const kind = process.argv[2] ?? 'plain';
let handle: () => void = () => undefined;
if (kind === 'sqlite') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-'));
  const db = new Database(path.join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE hits (id INTEGER PRIMARY KEY, at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO hits (at) VALUES (?)');
  handle = () => insert.run(new Date().toISOString());
}
let handleAsync: (() => Promise<unknown>) | undefined;
if (kind === 'mysql') {
  const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: 16 });
  handleAsync = () => pool.query('INSERT INTO bare_hits (at) VALUES (?)', [new Date().toISOString()]);
}
const answer = (res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
};
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (handleAsync) {
      handleAsync().then(
        () => answer(res),
        () => (res.writeHead(500), res.end()),
      );
      return;
    }
    handle();
    answer(res);
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`PORT=${typeof a === 'object' && a ? a.port : 0}`);
});
