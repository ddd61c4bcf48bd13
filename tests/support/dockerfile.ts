/**
 * The container's start command and environment, read from the Dockerfile's final stage: the one place they are
 * written. The container test runs that command; the bench starts its hosts with its Node flags.
 */
import fs from 'node:fs';
import path from 'node:path';

// The repository's root, worked out here: importing it from cloud/app would load the whole app to read one file.
const REPO_ROOT = path.join(__dirname, '..', '..');

export function containerImage(): { cmd: string[]; env: Record<string, string> } {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  // The final stage is what runs.
  const last = text.slice(text.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const m of last.matchAll(/^ENV (\w+)=(\S*)$/gm)) env[m[1]] = m[2];
  const cmd = /^CMD (\[.*\])$/m.exec(last);
  if (!cmd) throw new Error('Dockerfile has no CMD in exec form');
  return { cmd: JSON.parse(cmd[1]), env };
}

/** The flags the CMD gives node itself (the V8 and runtime options before `--import tsx`). */
export function hostNodeFlags(): string[] {
  const { cmd } = containerImage();
  const end = cmd.indexOf('--import');
  if (cmd[0] !== 'node' || end < 0) throw new Error('Dockerfile CMD is not `node [flags] --import tsx <script>`');
  return cmd.slice(1, end);
}
