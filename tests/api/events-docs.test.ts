import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { REPO_ROOT } from '../../cloud/app';

// What docs/api.md and docs/checkin-trust.md tell a client about 活动签到 is what the server answers:
// each case is asked of the server, and the docs' sentence about it must name that answer.

const read = (f: string) => fs.readFileSync(path.join(REPO_ROOT, f), 'utf8');
const api = read('docs/api.md');
const trust = read('docs/checkin-trust.md');
/** The section of docs/api.md about one action, up to the next heading. */
const section = (action: string) => api.split(`### \`${action}\``)[1].split('\n#')[0];
/** The docs' lines that mention `phrase` (a list item's indented continuation lines belong to it). */
const linesAbout = (doc: string, phrase: RegExp) =>
  doc
    .replace(/\n {2,}/g, ' ')
    .split('\n')
    .filter((l) => phrase.test(l));
/** Error codes named in a text: `SOME_CODE`. */
const codesIn = (text: string) => [...text.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]);

const NOW = Date.parse('2027-05-29T02:00:00.000Z');
const VENUE = { lat: 40.8175, lng: 111.6708 };
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: () => new Date(NOW) });
});
afterAll(() => app.close());

const publish = (over: Record<string, unknown> = {}) =>
  app.as('dev-admin-nm').raw('event.admin.publish', {
    orgId: '150000',
    title: '文档核对',
    type: '其他',
    audience: 'all',
    startsAt: new Date(NOW - 3600_000).toISOString(),
    endsAt: new Date(NOW + 3600_000).toISOString(),
    venue: { name: '新华广场', ...VENUE },
    ...over,
  });
const errorOf = (r: { body: unknown }) => (r.body as { error: { code: string; message: string } }).error;

test('a scan time more than 2 minutes in the future: the docs name the code the server answers', async () => {
  const ev = (await publish()).body as any;
  const { qr } = await app.as('dev-admin-nm').call('event.admin.code', { id: ev.data.id });
  const r = await app.as('doc-1').raw('event.checkin', { eventId: ev.data.id, code: qr, scannedAt: new Date(NOW + 3 * 60_000).toISOString(), location: VENUE });
  const code = errorOf(r).code;
  const trustLines = linesAbout(trust, /2 minutes in the server's future/);
  expect(trustLines.length).toBeGreaterThan(0);
  for (const l of trustLines) expect(codesIn(l.split(';')[0])).toEqual([code]);
  const apiLines = linesAbout(section('event.checkin'), /2 minutes ahead/);
  expect(apiLines.length).toBeGreaterThan(0);
  for (const l of apiLines) expect(codesIn(l)).toContain(code);
});

test('event.checkin on an unpublished event: the docs name the code a member gets', async () => {
  const draft = (await publish({ draft: true })).body as any;
  const r = await app.as('doc-2').raw('event.checkin', { eventId: draft.data.id, code: '123456', location: VENUE });
  const code = errorOf(r).code;
  const lines = linesAbout(section('event.checkin'), /not published|unpublished|draft/);
  const memberLine = lines.find((l) => /members/.test(l));
  expect(memberLine).toBeDefined();
  expect(codesIn(memberLine!.split('. ')[0])).toEqual([code]);
});

test('event.admin.publish without a venue: the docs say the venue name is required for an event, with the server’s message', async () => {
  const r = await publish({ venue: undefined });
  expect(r.status).toBe(400);
  const docs = section('event.admin.publish');
  expect(docs).not.toContain('venue?:');
  expect(docs).toContain('`venue.name` is required for an event');
  expect(docs).toContain(errorOf(r).message);
  expect(codesIn(docs)).toContain(errorOf(r).code);
  // A notice may leave it out, as the docs say.
  expect((await publish({ kind: 'notice', venue: undefined })).status).toBe(200);
});

test('a check-in that carries scannedAt while its code is valid is on-site and cannot be voided: docs/api.md says so', async () => {
  const ev = (await publish()).body as any;
  const { qr } = await app.as('dev-admin-nm').call('event.admin.code', { id: ev.data.id });
  const r = await app.as('doc-3').call('event.checkin', { eventId: ev.data.id, code: qr, scannedAt: new Date(NOW - 5000).toISOString(), location: VENUE });
  expect(r.offline).toBe(false);
  const row = (await app.as('dev-admin-nm').call('event.admin.live', { id: ev.data.id })).latest[0];
  const voided = await app.as('dev-admin-nm').raw('event.admin.voidCheckin', { checkinId: row.id });
  const code = errorOf(voided).code;
  const docs = section('event.checkin').replace(/\n/g, ' ');
  expect(docs).toMatch(/still valid now[^.]*\*\*on-site\*\*[^.]*even when the payload carries `scannedAt`/);
  expect(docs).toMatch(new RegExp(`cannot be\\s+voided\\*\\* \\(\`event.admin.voidCheckin\` answers \`${code}\`\\)`));
  expect(section('event.admin.voidCheckin')).toMatch(new RegExp(`\`${code}\` for an on-site check-in[^.]*\`scannedAt\``));
});
