import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { appIdProblem, packageTeamsApp } from '../../manifest/teams/package.ts';
import { readZip } from './binary-readers.ts';

const TEST_APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const outDir = mkdtempSync(join(tmpdir(), 'ketenbot-teams-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('Teams packaging', () => {
  it('writes a zip with manifest, translation and icons at the root', async () => {
    const zipPath = await packageTeamsApp({ appId: TEST_APP_ID, outDir });
    expect(zipPath).toBe(join(outDir, 'ketenbot.zip'));
    const entries = readZip(readFileSync(zipPath));
    expect([...entries.keys()].sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { id: string; bots: { botId: string }[] };
    expect(manifest.id).toBe(TEST_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(TEST_APP_ID);
  });

  it('refuses a missing or malformed app ID', async () => {
    expect(appIdProblem(undefined)).toMatch(/^MicrosoftAppId is not set/);
    expect(appIdProblem('not-a-guid')).toMatch(/^MicrosoftAppId "not-a-guid" is not valid/);
    await expect(packageTeamsApp({ appId: 'not-a-guid', outDir })).rejects.toThrow(/MicrosoftAppId/);
  });

  it('CLI exits 1 with one line naming MicrosoftAppId when it is not set', () => {
    const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const script = fileURLToPath(new URL('../../manifest/teams/package.ts', import.meta.url));
    const env = { ...process.env };
    delete env.MicrosoftAppId;
    // cwd = empty temp dir so dotenv finds no .env
    const run = spawnSync(process.execPath, [tsx, script], { cwd: outDir, env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('MicrosoftAppId is not set')]);
  }, 30_000);
});
