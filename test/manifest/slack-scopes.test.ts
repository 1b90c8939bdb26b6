import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SLACK_METHOD_SCOPES } from '../../bot/slack/slack-app-surface.ts';

const SLACK_DIR = fileURLToPath(new URL('../../bot/slack/', import.meta.url));

/** Web API methods called as `client.chat.postMessage(` or `.apiCall('chat.postMessage'`. */
function calledSlackMethods(source: string): string[] {
  const methods = new Set<string>();
  for (const m of source.matchAll(/\bclient\s*\.\s*((?:[A-Za-z]\w*\s*\.\s*)+[A-Za-z]\w*)\s*\(/g)) {
    methods.add(m[1]!.replace(/\s+/g, ''));
  }
  for (const m of source.matchAll(/\.apiCall\s*\(\s*['"`]([\w.]+)['"`]/g)) methods.add(m[1]!);
  return [...methods];
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

describe('Slack Web API calls have a declared scope', () => {
  it('finds calls in both forms', () => {
    const sample = `await client.chat.postMessage({}); app.client.admin.apps.approve(x); client.apiCall('users.info', {});`;
    expect(calledSlackMethods(sample).sort()).toEqual(['admin.apps.approve', 'chat.postMessage', 'users.info']);
  });

  it('every method called under bot/slack/ is listed in SLACK_METHOD_SCOPES', () => {
    const declared = new Set(Object.keys(SLACK_METHOD_SCOPES));
    const missing = tsFiles(SLACK_DIR).flatMap((file) =>
      calledSlackMethods(readFileSync(file, 'utf8'))
        .filter((method) => !declared.has(method))
        .map((method) => `${method} (${file})`),
    );
    expect(missing, 'add these methods with their bot scope to SLACK_METHOD_SCOPES').toEqual([]);
  });
});
