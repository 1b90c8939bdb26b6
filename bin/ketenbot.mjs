#!/usr/bin/env node
// The `ketenbot` admin CLI. The project runs TypeScript directly through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../bot/cli/main.ts');
