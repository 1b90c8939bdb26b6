import { readFileSync } from 'node:fs';
import { unansweredPhrasings } from '../../../support/unanswered-questions.ts';
import { describe, expect, it } from 'vitest';
import type { KbEvent } from '../../../../core/domain/knowledge-base/kb-events.ts';
import { phrasingId } from '../../../../core/domain/knowledge-base/unanswered-groups.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../../support/databases.ts';
import { servicesWithDemoData } from '../../../support/demo-data.ts';

/**
 * The review of questions without a sure answer (KbReview) on the recorded events, both databases:
 * grouped, with the closest entries, and gone once learned.
 */

const demoKb = () => JSON.parse(readFileSync(new URL('../../../../data/demo-kb.json', import.meta.url), 'utf8')) as unknown;
const T0 = new Date('2026-03-02T09:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000).toISOString();
const SINCE = new Date(T0.getTime() - 30 * 86_400_000);

/** What the chat recorded: questions with no answer or only suggestions, and views that are no questions. */
const EVENTS: KbEvent[] = [
  ...unansweredPhrasings(minutes),
  { at: minutes(8), kind: 'view', entryId: 'kb-026', language: 'nl' },
  { at: minutes(9), kind: 'helped', entryId: 'kb-026', language: 'nl' },
  // Older than the review looks back.
  { at: new Date(SINCE.getTime() - 60_000).toISOString(), kind: 'unanswered', query: 'waar is het lunchmenu', language: 'nl' },
];

describe.each(DATABASE_KINDS)('KbReview on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const { services } = await servicesWithDemoData(db, T0, { kb: demoKb() });
    services.kbSearch.invalidate();
    await services.kbEvents.record(EVENTS);
    return { services };
  }

  it('groups the questions since then, most asked first, each with its count, last time, examples and closest entries', async () => {
    const { services } = await setup();
    const groups = await services.kbReview.groups(SINCE, 10);
    expect(groups.map((g) => [g.question, g.count, g.language])).toEqual([
      ['Kan niks printen!', 4, 'nl'],
      ['koffie automaat doet het niet', 2, 'nl'],
      ['the printer does not print', 1, 'en'],
    ]);
    const [printing, coffee, english] = groups;
    expect(printing).toMatchObject({ lastAt: minutes(4), id: phrasingId('kan niks printen', 'nl') });
    expect(new Set(printing!.examples)).toEqual(new Set(['Kan niks printen!', 'printer doet het niet', 'printen lukt niet meer']));
    expect(printing!.examples[0]).toBe('Kan niks printen!');
    // The article about printing is the best candidate; candidates are in the group's language first.
    expect(printing!.candidates[0]).toMatchObject({ id: 'kb-025', title: 'Printen vanuit de viewer lukt niet', language: 'nl', published: true });
    expect(printing!.candidates.length).toBeLessThanOrEqual(3);
    expect(printing!.candidates.every((c) => c.language === 'nl')).toBe(true);
    for (let i = 1; i < printing!.candidates.length; i++) expect(printing!.candidates[i]!.score).toBeLessThanOrEqual(printing!.candidates[i - 1]!.score);
    // Nothing in the knowledge base is about coffee machines.
    expect(coffee!.candidates).toEqual([]);
    // No English article is about printing: the Dutch one fills up.
    expect(english!.candidates[0]).toMatchObject({ id: 'kb-025', language: 'nl' });
    // Views and feedback are no questions; the lunch menu was asked too long ago.
    expect(JSON.stringify(groups)).not.toContain('lunchmenu');
  });

  it('`limit` gives the most asked groups', async () => {
    const { services } = await setup();
    expect((await services.kbReview.groups(SINCE, 1)).map((g) => g.question)).toEqual(['Kan niks printen!']);
  });

  it('a group is found again by the id of any of its phrasings; an unknown id finds nothing', async () => {
    const { services } = await setup();
    const byOther = await services.kbReview.group(phrasingId('printer doet het niet', 'nl'), SINCE);
    expect(byOther?.question).toBe('Kan niks printen!');
    expect(await services.kbReview.group(phrasingId('printer doet het niet', 'en'), SINCE)).toBeUndefined();
    expect(await services.kbReview.group('0123456789abcdef', SINCE)).toBeUndefined();
  });

  it('once a phrasing of a group is learned by an entry, the whole group drops out; the others stay', async () => {
    const { services } = await setup();
    expect(await services.kbLearning.learn('kb-025', 'printer doet het niet', { actor: 'local:editor-1', source: 'review' })).toBe('learned');
    const groups = await services.kbReview.groups(SINCE, 10);
    expect(groups.map((g) => g.question)).toEqual(['koffie automaat doet het niet', 'the printer does not print']);
    expect(await services.kbReview.group(phrasingId('kan niks printen', 'nl'), SINCE)).toBeUndefined();
  });

  it('nothing asked: no groups', async () => {
    const { services } = await setup();
    expect(await services.kbReview.groups(new Date(T0.getTime() + 3_600_000), 10)).toEqual([]);
  });
});
