// Whether dist/ (the compiled build, `npm run build`) is there and newer than every source file,
// and building it. Shared by `npm start` (bin/start.mjs), `npm run build` and the CLI (bin/ketenbot.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
const SOURCE_DIRS = ['core', 'dialogs', 'cards', 'storage', 'bot', 'types'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest modification time (ms) of the sources the build is made of. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(ROOT, dir))) visit(join(ROOT, dir));
  for (const file of SOURCE_FILES) if (existsSync(join(ROOT, file))) newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

/** dist/ was built after the last change to any source. */
export function buildIsFresh() {
  return existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource();
}

/** Compiles the sources into dist/ (from scratch: no files of removed sources stay behind). Throws when it fails. */
export function build({ quiet = false } = {}) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('dist/ is missing or older than the sources, and TypeScript is not installed to build it: run `npm ci` (with dev dependencies) and `npm run build`.');
  }
  const started = Date.now();
  rmSync(DIST, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`the build failed${quiet ? `:\n${result.stdout}${result.stderr}` : ' (see above)'}`);
  // Stamped with the time the build started: a source saved during the build makes it stale.
  writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
  utimesSync(STAMP, new Date(started), new Date(started));
  return { ms: Date.now() - started };
}
