import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * How tests start a real server process: `npm start`'s own command (bin/start.mjs runs the build in
 * dist/), so what they test is what production runs. The build is made once before the tests
 * (buildOnce, vitest's globalSetup), never by servers starting side by side.
 */
export const START_COMMAND = [process.execPath, '--disable-warning=DEP0111', join(ROOT, 'bin', 'start.mjs')];

/** Builds dist/ when it is missing or older than the sources; throws with the compiler's output when that fails. */
export function buildOnce(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'build.mjs'), '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the build failed:\n${result.stderr}${result.stdout}`);
}
