#!/usr/bin/env -S node --disable-warning=DEP0111
// `npm start`: runs the compiled bot (dist/), building it first when it is missing or older than
// the sources, so that `npm ci && npm start` stays one line. `npm run dev` runs the sources with tsx.
import { build, buildIsFresh } from './build-state.mjs';

if (!buildIsFresh()) {
  process.stderr.write('Building Ketenbot (dist/ is missing or older than the sources)…\n');
  try {
    const { ms } = build();
    process.stderr.write(`built in ${(ms / 1000).toFixed(1)} s\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
await import('../dist/bot/main.js');
