/**
 * The baseline servers the API is compared against, measured in the same run:
 *   plain  — bare node:http answering {"ok":true}
 *   sqlite — the same plus one better-sqlite3 INSERT per request (WAL, synchronous=NORMAL)
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';

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
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    handle();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`PORT=${typeof a === 'object' && a ? a.port : 0}`);
});
