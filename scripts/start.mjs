// npm start: build the H5 app if needed, then serve it and the API on one port (dev mode, embedded SQLite).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, buildTaro } from './lib.mjs';

buildTaro('h5');
const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['cloud/hosts/http/main.ts'], { cwd: ROOT, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
