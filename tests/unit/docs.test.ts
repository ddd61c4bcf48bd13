/**
 * What README.md and docs/api.md claim stays true: every registered action and every error code is
 * documented, the two commands lead the README, and the configuration it lists is what the code reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { actions } from '../../cloud/app';
import { ERROR_STATUS } from '../../cloud/contracts/errors';

const ROOT = path.join(__dirname, '..', '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const api = read('docs/api.md');
const readme = read('README.md');

test('docs/api.md has a section for every registered action', () => {
  const headings = api.split('\n').filter((l) => l.startsWith('### '));
  const documented = new Set(headings.flatMap((h) => [...h.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z]+)+)`/g)].map((m) => m[1])));
  const missing = actions.map((a) => a.name).filter((n) => !documented.has(n));
  expect(missing).toEqual([]);
});

test('docs/api.md states each action’s auth as it is registered', () => {
  for (const a of actions) {
    const heading = api.split('\n').find((l) => l.startsWith('### ') && l.includes(`\`${a.name}\``))!;
    expect([a.name, heading.includes(`— ${a.auth}`)]).toEqual([a.name, true]);
  }
});

test('docs/api.md covers the transport, the envelope, auth and every error code', () => {
  for (const s of [
    '## Envelope',
    'POST /api/<action>',
    "callFunction({ name: 'api'",
    'getWXContext',
    'Authorization: Bearer',
    'x-wx-openid',
    'TARO_APP_CLOUD_ENV',
  ])
    expect([s, api.includes(s)]).toEqual([s, true]);
  const undocumented = Object.keys(ERROR_STATUS).filter((c) => !api.includes(`\`${c}\``));
  expect(undocumented).toEqual([]);
});

test('the README starts with the two commands', () => {
  const firstBlock = readme.match(/```bash\n([\s\S]*?)```/)![1];
  expect(readme.indexOf('```bash')).toBeLessThan(readme.indexOf('\n## '));
  expect(firstBlock).toMatch(/^npm install && npm start\b/m);
  expect(firstBlock).toMatch(/^npm test\b/m);
  for (const h of ['## What it is', '## Screens', 'WeChat DevTools', '## Configuration', '## Layout', '## How to add an action'])
    expect([h, readme.includes(h)]).toEqual([h, true]);
});

test('every variable in the README’s configuration table is read by the code, and the demo admins are the seeded ones', () => {
  const table = readme.split('## Configuration')[1].split('\n## ')[0];
  const vars = [...table.matchAll(/^\| `([A-Z_]+)/gm)].map((m) => m[1]);
  expect(vars).toEqual(expect.arrayContaining(['PORT', 'DATA_DIR', 'APP_MODE', 'TRUST_WX_OPENID_HEADER', 'TARO_APP_CLOUD_ENV']));
  const code = ['cloud/hosts/http/main.ts', 'cloud/app.ts', 'cloud/hosts/wx/index.ts', 'cloud/cli/admin.ts', 'config/index.ts'].map(read).join('\n');
  for (const v of vars) expect([v, code.includes(`env.${v}`)]).toEqual([v, true]);

  const admins = JSON.parse(read('seeds/admins.json')) as { openid: string; orgId: string }[];
  for (const a of admins) expect(readme).toContain(`\`${a.openid}\``);
  expect(admins.map((a) => a.orgId)).toEqual(expect.arrayContaining(['150000', '150100']));
});
