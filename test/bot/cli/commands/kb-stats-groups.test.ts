import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unansweredPhrasings } from '../../../support/unanswered-questions.ts';
import { composeServices, type Services } from '../../../../bot/compose-services.ts';
import { createLogger } from '../../../../bot/logger.ts';
import { systemClock } from '../../../../core/clock.ts';
import type { KbEvent } from '../../../../core/domain/knowledge-base/kb-events.ts';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.ts';
import { runKetenbot } from '../../../support/ketenbot-cli.ts';

/**
 * `ketenbot kb stats` groups the questions without a sure answer (the review card's groups): one
 * question in other words is one line with its count, last time, examples and the closest articles.
 */

let db: TestDatabase;
let services: Services;
const cli = (...args: string[]) => runKetenbot(db.url, args);
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** What the chat recorded, a few hours ago: four ways to say one thing, two of another, one in English. */
const EVENTS: KbEvent[] = [...unansweredPhrasings((n) => ago(310 - n * 10)), { at: ago(230), kind: 'view', entryId: 'kb-025', language: 'nl' }];

beforeEach(async () => {
  db = await openTestDatabase('sqlite');
  expect((await cli('directory', 'import', 'data/demo-directory.json')).code).toBe(0);
  expect((await cli('kb', 'import', 'data/demo-kb.json')).code).toBe(0);
  services = composeServices(db.dataSource, systemClock, createLogger('silent', false));
  await services.kbEvents.record(EVENTS);
});
afterEach(async () => {
  await db.dispose();
});

type Group = { question: string; count: number; lastAt: string; language: string; examples: string[]; candidates: Array<{ id: string; title: string; score: number }> };

describe('ketenbot kb stats: questions without a sure answer, grouped', () => {
  it('--json includes the groups: most asked first, each with count, last time, language, 1–3 examples and the closest articles', async () => {
    const result = await cli('kb', 'stats', '--json');
    expect(result).toMatchObject({ code: 0, err: '' });
    const stats = JSON.parse(result.out) as { groups: Group[]; unanswered: unknown[] };
    expect(stats).toHaveProperty('unanswered');
    expect(stats.groups.map((g) => [g.question, g.count, g.language])).toEqual([
      ['Kan niks printen!', 4, 'nl'],
      ['koffie automaat doet het niet', 2, 'nl'],
      ['the printer does not print', 1, 'en'],
    ]);
    const [printing, coffee] = stats.groups;
    expect(printing!.lastAt).toBe(EVENTS[3]!.at);
    expect(new Set(printing!.examples)).toEqual(new Set(['Kan niks printen!', 'printer doet het niet', 'printen lukt niet meer']));
    expect(printing!.candidates[0]).toEqual({ id: 'kb-025', title: 'Printen vanuit de viewer lukt niet', score: expect.any(Number) });
    expect(Object.keys(printing!).sort()).toEqual(['candidates', 'count', 'examples', 'language', 'lastAt', 'question']);
    expect(new Set(coffee!.examples)).toEqual(new Set(['koffie automaat doet het niet', 'de koffieautomaat is kapot']));
    expect(coffee!.candidates).toEqual([]);
  });

  it('the text form: one line per group, then what else it was asked as and the closest articles', async () => {
    const result = await cli('kb', 'stats');
    expect(result.code).toBe(0);
    const out = result.out.slice(result.out.indexOf('Questions without a sure answer, grouped'));
    const lines = out.split('\n');
    expect(lines[1]).toMatch(/^ +4× {2}"Kan niks printen!" {2}\(nl, last \d{4}-\d\d-\d\dT[\d:.]+Z\)$/);
    expect(lines[2]).toMatch(/^ +also asked: "(printer doet het niet|printen lukt niet meer)", "(printer doet het niet|printen lukt niet meer)"$/);
    expect(lines[3]).toMatch(/^ +closest: kb-025 \(0\.\d{3}\) Printen vanuit de viewer lukt niet/);
    expect(lines[4]).toMatch(/^ +2× {2}"koffie automaat doet het niet"/);
    expect(out).toContain('closest: (no article comes close)');
    expect(out).toMatch(/1× {2}"the printer does not print" {2}\(en, /);
  });

  it('a question linked to an article since drops out; --limit shortens the groups too', async () => {
    expect(await services.kbLearning.learn('kb-025', 'printen lukt niet meer', { actor: 'cli-test', source: 'review' })).toBe('learned');
    const after = JSON.parse((await cli('kb', 'stats', '--json')).out) as { groups: Group[] };
    expect(after.groups.map((g) => g.question)).toEqual(['koffie automaat doet het niet', 'the printer does not print']);
    const one = JSON.parse((await cli('kb', 'stats', '--json', '--limit', '1')).out) as { groups: Group[] };
    expect(one.groups.map((g) => g.question)).toEqual(['koffie automaat doet het niet']);
  });

  it('nothing asked since: "(none)" and an empty list', async () => {
    const text = await cli('kb', 'stats', '--since', '1h');
    expect(text.out).toContain('Questions without a sure answer, grouped (unanswered or only suggestions; linked ones left out):\n  (none)');
    expect(JSON.parse((await cli('kb', 'stats', '--since', '1h', '--json')).out).groups).toEqual([]);
  });

  it('kb export carries the alternative questions (every entry has the list, empty or not)', async () => {
    await services.kbLearning.learn('kb-025', 'kan niks printen', { actor: 'cli-test', source: 'review' });
    const exported = await cli('kb', 'export');
    expect(exported.code).toBe(0);
    const file = JSON.parse(exported.out) as { entries: Array<{ id: string; questions: string[] }> };
    expect(file.entries.find((e) => e.id === 'kb-025')!.questions).toEqual(['kan niks printen']);
    expect(file.entries.filter((e) => e.id !== 'kb-025').every((e) => Array.isArray(e.questions) && e.questions.length === 0)).toBe(true);
  });
});
