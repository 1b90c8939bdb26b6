import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderManifest } from '../../manifest/teams/package.ts';
import { validateTeamsLocalization, validateTeamsManifest } from '../../manifest/teams/validate-manifest.ts';

const TEST_APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const teamsFile = (name: string) => new URL(`../../manifest/teams/${name}`, import.meta.url);

interface Command { title: string; description: string }
interface Manifest {
  manifestVersion: string;
  $schema: string;
  id: string;
  description: { short: string };
  bots: { botId?: string; scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
}

const manifest = () => renderManifest(TEST_APP_ID) as Manifest;
const localization = JSON.parse(readFileSync(teamsFile('en-us.json'), 'utf8')) as Record<string, string>;

describe('Teams manifest', () => {
  it('validates against the official schema of its declared version', () => {
    const m = manifest();
    expect(Number(m.manifestVersion)).toBeGreaterThanOrEqual(1.24);
    expect(m.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(validateTeamsManifest(m)).toEqual([]);
  });

  it('keeps the app ID placeholder in the committed file', () => {
    const raw = JSON.parse(readFileSync(teamsFile('manifest.json'), 'utf8')) as Manifest;
    expect(raw.id).toBe('${{MicrosoftAppId}}');
    expect(raw.bots[0]?.botId).toBe('${{MicrosoftAppId}}');
    expect(manifest().id).toBe(TEST_APP_ID);
  });

  it('rejects broken manifests (the validator really validates)', () => {
    const noBotId = manifest();
    delete noBotId.bots[0]!.botId;
    expect(validateTeamsManifest(noBotId)).toContainEqual(expect.stringContaining("'botId'"));

    const longShort = manifest();
    longShort.description.short = 'x'.repeat(81);
    expect(validateTeamsManifest(longShort)).toContainEqual(expect.stringContaining('/description/short'));

    const unsubstituted = JSON.parse(readFileSync(teamsFile('manifest.json'), 'utf8')) as object;
    expect(validateTeamsManifest(unsubstituted)).toContainEqual(expect.stringContaining('/id'));
  });

  it('offers the commands in every scope within the Teams display limits', () => {
    const bot = manifest().bots[0]!;
    expect(bot.commandLists.flatMap((list) => list.scopes).sort()).toEqual([...bot.scopes].sort());
    for (const list of bot.commandLists) {
      expect(list.commands.map((c) => c.title)).toContain('help');
      for (const { title, description } of list.commands) {
        expect(title.length).toBeLessThanOrEqual(32);
        expect(description.length).toBeLessThanOrEqual(128);
      }
    }
  });
});

describe('Teams localization (en-us)', () => {
  it('validates against the official Localization schema', () => {
    expect(validateTeamsLocalization(localization, manifest().manifestVersion)).toEqual([]);
    expect(validateTeamsLocalization(localization)).toEqual([]);
  });

  it('rejects keys the schema does not allow', () => {
    expect(validateTeamsLocalization({ ...localization, 'bots[0].commandLists[7].commands[0].title': 'x' })).not.toEqual([]);
  });

  it('translates every command description and nothing that does not exist', () => {
    const expected = manifest().bots[0]!.commandLists.flatMap((list, i) =>
      list.commands.map((_, j) => `bots[0].commandLists[${i}].commands[${j}].description`),
    );
    const actual = Object.keys(localization).filter((key) => key.startsWith('bots['));
    expect(actual.sort()).toEqual(expected.sort());
  });
});
