#!/usr/bin/env -S node --disable-warning=DEP0111
// The `ketenbot` admin CLI: the compiled build (dist/) when it is up to date, else the sources
// through tsx (while developing). Only the command's result goes to stdout.
import { buildIsFresh } from './build-state.mjs';

if (buildIsFresh()) {
  await import('../dist/bot/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../bot/cli/main.ts');
}
