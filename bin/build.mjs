#!/usr/bin/env node
// `npm run build`: compiles the TypeScript sources into dist/ (what `npm start` and the CLI run).
// `--if-stale`: only when dist/ is missing or older than the sources (`npm test` does this first).
import { build, buildIsFresh } from './build-state.mjs';

if (process.argv.includes('--if-stale') && buildIsFresh()) process.exit(0);
try {
  const { ms } = build();
  process.stderr.write(`built dist/ in ${(ms / 1000).toFixed(1)} s\n`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
