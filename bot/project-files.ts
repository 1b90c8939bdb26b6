import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder (the one with package.json), found from this file: the same whether the bot
 * runs from its TypeScript source (bot/) or from the compiled build (dist/bot/), so files such as
 * data/decision-tree.json are found in both.
 */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Ketenbot project folder (package.json) above the running code');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot();

/** A file of the project, e.g. projectFile('data', 'demo-kb.json'). */
export const projectFile = (...parts: string[]): string => join(PROJECT_ROOT, ...parts);
