import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWER_SCORE, SUGGESTION_SCORE } from '../../../../core/domain/knowledge-base/kb-tiers.ts';
import { composeServices, type Services } from '../../../../bot/compose-services.ts';
import { createLogger } from '../../../../bot/logger.ts';
import { systemClock } from '../../../../core/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.ts';
import { runKetenbot } from '../../../support/ketenbot-cli.ts';

/**
 * `ketenbot kb search` and `ketenbot kb stats` on a SQLite file with the demo directory and
 * knowledge base (imported with the CLI itself); the chat's own services record what people
 * asked, as the bot would, on the same file.
 */

let db: TestDatabase;
let services: Services;

/** Runs `ketenbot ...args` in-process against this test's database. */
const cli = (...args: string[]) => runKetenbot(db.url, args);

beforeEach(async () => {
  db = await openTestDatabase('sqlite');
  expect((await cli('directory', 'import', 'data/demo-directory.json')).code).toBe(0);
  expect((await cli('kb', 'import', 'data/demo-kb.json')).code).toBe(0);
  services = composeServices(db.dataSource, systemClock, createLogger('silent', false));
});
afterEach(async () => {
  await db.dispose();
});

type Hit = { id: string; score: number; tier: 'answer' | 'suggestion' | null };
const hits = (text: string): Hit[] => JSON.parse(text) as Hit[];

/** Ranked [{"id","score","tier"}]: best first, tiers in order (answers before suggestions), never below the suggestion tier. */
function expectRanked(list: Hit[], tiers: Array<Hit['tier']> = ['answer', 'suggestion']): void {
  for (const hit of list) {
    expect(Object.keys(hit).sort()).toEqual(['id', 'score', 'tier']);
    expect(tiers).toContain(hit.tier);
  }
  for (let i = 1; i < list.length; i++) {
    expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
    if (list[i - 1]!.tier === 'suggestion') expect(list[i]!.tier).not.toBe('answer');
  }
}

describe('ketenbot kb search', () => {
  it('"wachtwoord vergeten" --json → ranked [{"id","score","tier"}], kb-026 first as the answer, only Dutch entries', async () => {
    const result = await cli('kb', 'search', 'wachtwoord vergeten', '--json');
    expect(result).toMatchObject({ code: 0, err: '' });
    const list = hits(result.out);
    expect(list[0]).toMatchObject({ id: 'kb-026', tier: 'answer' });
    expectRanked(list);
    // Never the English copy (kb-054) beside the Dutch one.
    expect(list.map((h) => h.id)).not.toContain('kb-054');
    for (const hit of list) expect(hit.score).toBeLessThanOrEqual(1);
  });

  it('a whole sentence as people type it finds its entry as the answer', async () => {
    const result = await cli('kb', 'search', 'Hoi! Ik ben een paar weken met verlof geweest en nu weet ik echt niet meer wat mijn wachtwoord voor het portaal was. Hoe kom ik er weer in?', '--json');
    expect(result.code).toBe(0);
    expect(hits(result.out)[0]).toMatchObject({ id: 'kb-026', tier: 'answer' });
  });

  it('the query may be given as separate words', async () => {
    const result = await cli('kb', 'search', 'wachtwoord', 'vergeten', '--json');
    expect(result.code).toBe(0);
    expect(hits(result.out)).toEqual(hits((await cli('kb', 'search', 'wachtwoord vergeten', '--json')).out));
  });

  it('without --json: one line per result, score, tier, id and title, best first', async () => {
    const result = await cli('kb', 'search', 'wachtwoord vergeten');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(/^[01]\.\d{3} {2}answer {6}kb-026 {2}Wachtwoord vergeten of opnieuw instellen$/);
    expect(lines.length).toBe(hits((await cli('kb', 'search', 'wachtwoord vergeten', '--json')).out).length);
  });

  it('--lang en gives the English article, and no Dutch copy beside it', async () => {
    const result = await cli('kb', 'search', 'forgot password', '--lang', 'en', '--json');
    expect(result.code).toBe(0);
    const list = hits(result.out);
    expect(list[0]).toMatchObject({ id: 'kb-054', tier: 'answer' });
    expect(list.map((h) => h.id)).not.toContain('kb-026');
    expectRanked(list);
  });

  it('--lang en with an answer that exists only in Dutch gives the Dutch entry', async () => {
    const list = hits((await cli('kb', 'search', 'UZI card blocked after wrong PIN', '--lang', 'en', '--json')).out);
    expect(list[0]).toMatchObject({ id: 'kb-007' });
  });

  it('--limit 1 gives the single best result', async () => {
    const result = await cli('kb', 'search', 'wachtwoord vergeten', '--limit', '1', '--json');
    expect(result.code).toBe(0);
    expect(hits(result.out)).toHaveLength(1);
    expect(hits(result.out)[0]!.id).toBe('kb-026');
  });

  it('a broad question: every result down to the suggestion tier, and --limit cuts the same ranking', async () => {
    const all = hits((await cli('kb', 'search', 'bericht', '--json')).out);
    const three = hits((await cli('kb', 'search', 'bericht', '--limit', '3', '--json')).out);
    expect(all.length).toBeGreaterThan(3);
    expect(all.slice(0, 3)).toEqual(three);
    expectRanked(all);
  });

  it('a question without an answer or suggestion: [] with --json, a plain sentence otherwise', async () => {
    const json = await cli('kb', 'search', 'waar vind ik het lunchmenu', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual([]);
    const text = await cli('kb', 'search', 'waar vind ik het lunchmenu');
    expect(text.code).toBe(0);
    expect(text.out).toBe('No answer or suggestion for "waar vind ik het lunchmenu".');
  });

  it('a near miss about another system is never a sure answer', async () => {
    const list = hits((await cli('kb', 'search', 'wachtwoord vergeten van de webshop waar we onze werkkleding bestellen', '--json')).out);
    expect(list.filter((h) => h.tier === 'answer')).toEqual([]);
  });

  it('--all also lists candidates below the tiers (tier null), of both languages', async () => {
    expect(hits((await cli('kb', 'search', 'vakantie aanvragen', '--json')).out)).toEqual([]);
    const all = await cli('kb', 'search', 'vakantie aanvragen', '--all', '--json');
    expect(all.code).toBe(0);
    const list = JSON.parse(all.out) as Array<Hit & { language: string }>;
    expect(list.length).toBeGreaterThan(0);
    expect(list.some((h) => h.tier === null)).toBe(true);
    // The tier says what the score alone would give (the chat may still hold it back: an HR question gets none).
    for (const h of list) expect(h.tier).toBe(h.score >= ANSWER_SCORE ? 'answer' : h.score >= SUGGESTION_SCORE ? 'suggestion' : null);
    const good = JSON.parse((await cli('kb', 'search', 'bericht komt dubbel binnen', '--all', '--limit', '40', '--json')).out) as Array<Hit & { language: string }>;
    expect(good.length).toBeGreaterThan(10);
    expect(good.some((h) => h.tier === 'answer')).toBe(true);
    expect(new Set(good.map((h) => h.language))).toEqual(new Set(['nl', 'en']));
    for (let i = 1; i < good.length; i++) expect(good[i]!.score).toBeLessThanOrEqual(good[i - 1]!.score);
  });

  it.each([
    [['kb', 'search', 'wachtwoord', '--lang', 'de'], /--lang/],
    [['kb', 'search', 'wachtwoord', '--limit', '0'], /--limit/],
    [['kb', 'search', 'wachtwoord', '--limit', 'drie'], /--limit/],
    [['kb', 'search', 'wachtwoord', '--limit', '101'], /--limit/],
    [['kb', 'search', 'wachtwoord', '--limit', '1.5'], /--limit/],
    [['kb', 'search'], /query/],
    [['kb', 'search', '   '], /query/],
    [['kb', 'search', 'wachtwoord', '--unknown'], /--unknown/],
  ])('usage mistakes exit 2 naming the problem, with the usage: %j', async (args, problem) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(problem);
    expect(result.err).toMatch(/Usage: ketenbot kb search/);
    expect(result.out).toBe('');
  });
});

describe('ketenbot kb search with KB_SEARCH_ENGINE', () => {
  const questions = ['wachtwoord vergeten', 'inlogen', 'labuitslag komt niet aan', 'de koffieautomaat is kapot'];

  it('database ranks the demo knowledge base exactly as the default (memory) engine, also with --all', async () => {
    for (const question of questions) {
      for (const extra of [[], ['--all', '--limit', '20']]) {
        const viaMemory = await cli('kb', 'search', question, '--json', ...extra);
        const viaDatabase = await runKetenbot(db.url, ['kb', 'search', question, '--json', ...extra], { KB_SEARCH_ENGINE: 'database' });
        expect(viaDatabase.code).toBe(0);
        expect(hits(viaDatabase.out), question).toEqual(hits(viaMemory.out));
      }
    }
    expect(hits((await cli('kb', 'search', 'wachtwoord vergeten', '--json')).out)[0]!.id).toBe('kb-026');
  });

  it('an unknown engine is refused naming the setting, exit 2', async () => {
    const result = await runKetenbot(db.url, ['kb', 'search', 'wachtwoord', '--json'], { KB_SEARCH_ENGINE: 'elastic' });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/KB_SEARCH_ENGINE must be memory or database \(got "elastic"\)/);
    expect(result.out).toBe('');
    // Commands that do not search do not care.
    expect((await runKetenbot(db.url, ['kb', 'stats', '--json'], { KB_SEARCH_ENGINE: 'elastic' })).code).toBe(0);
  });
});

describe('ketenbot kb stats', () => {
  /** What people did in the chat: questions asked (views, unanswered) and feedback, as KbAnswers records it. */
  async function recordChatUse(): Promise<Map<string, number>> {
    const views = new Map<string, number>();
    const ask = async (question: string, language: 'nl' | 'en') => {
      // A sure answer is a view; suggestions are not (until one is picked).
      const reply = await services.kbAnswers.ask(question, { language, includeDrafts: false });
      if (reply.kind === 'answer') views.set(reply.entry.id, (views.get(reply.entry.id) ?? 0) + 1);
    };
    for (let i = 0; i < 3; i++) await ask('wachtwoord vergeten', 'nl');
    await ask('forgot password', 'en');
    await services.kbAnswers.feedback('kb-026', true, 'nl');
    await services.kbAnswers.feedback('kb-026', false, 'nl');
    await services.kbAnswers.feedback('kb-042', false, 'nl');
    expect(await services.kbAnswers.ask('waar vind ik het lunchmenu', { language: 'nl', includeDrafts: false })).toEqual({ kind: 'none' });
    expect(await services.kbAnswers.ask('Waar vind ik het LUNCHMENU', { language: 'nl', includeDrafts: false })).toEqual({ kind: 'none' });
    expect(await services.kbAnswers.ask('waar is de fietsenstalling van 123456782', { language: 'nl', includeDrafts: false })).toEqual({ kind: 'none' });
    return views;
  }

  it('--json gives {mostViewed, feedback, unanswered}, as recorded', async () => {
    const views = await recordChatUse();
    const result = await cli('kb', 'stats', '--json');
    expect(result).toMatchObject({ code: 0, err: '' });
    const stats = JSON.parse(result.out);
    // `groups`: the same questions grouped for the review (kb-stats-groups.test.ts).
    expect(Object.keys(stats).sort()).toEqual(['feedback', 'groups', 'mostViewed', 'unanswered']);
    // Every entry shown was counted once per time it was shown, most viewed first.
    expect(views.get('kb-026')).toBeGreaterThanOrEqual(3);
    expect(views.get('kb-054')).toBeGreaterThanOrEqual(1);
    expect(stats.mostViewed).toEqual(
      [...views].map(([entryId, n]) => ({ entryId, views: n })).sort((a, b) => b.views - a.views || a.entryId.localeCompare(b.entryId)).slice(0, 10),
    );
    expect(stats.feedback).toEqual([
      { entryId: 'kb-042', helped: 0, notHelped: 1, notHelpedRate: 1 },
      { entryId: 'kb-026', helped: 1, notHelped: 1, notHelpedRate: 0.5 },
    ]);
    expect(stats.unanswered).toHaveLength(2);
    expect(stats.unanswered[0]).toMatchObject({ query: 'waar vind ik het lunchmenu', count: 2 });
    expect(stats.unanswered[1]).toMatchObject({ query: 'waar is de fietsenstalling van [nummer]', count: 1 });
    expect(result.out).not.toContain('123456782');
  });

  it('the text form prints the three sections', async () => {
    const views = await recordChatUse();
    const result = await cli('kb', 'stats');
    expect(result.code).toBe(0);
    const out = result.out;
    expect(out).toMatch(/^Knowledge base since \d{4}-\d\d-\d\dT/);
    const most = out.indexOf('Most viewed:');
    const rate = out.indexOf('"Did not help" rate:');
    const open = out.indexOf('Questions without a good answer:');
    expect(most).toBeGreaterThan(0);
    expect(rate).toBeGreaterThan(most);
    expect(open).toBeGreaterThan(rate);
    expect(out.slice(most, rate)).toMatch(new RegExp(`^ +${views.get('kb-026')} {2}kb-026 {2}Wachtwoord vergeten of opnieuw instellen$`, 'm'));
    expect(out.slice(most, rate)).toMatch(new RegExp(`^ +${views.get('kb-054')} {2}kb-054 {2}Forgotten password or password reset$`, 'm'));
    expect(out.slice(rate, open)).toMatch(/^ +100% {2}kb-042 {2}\(1 no \/ 0 yes\)/m);
    expect(out.slice(rate, open)).toMatch(/^ +50% {2}kb-026 {2}\(1 no \/ 1 yes\)/m);
    expect(out.slice(open)).toMatch(/^ +2× {2}waar vind ik het lunchmenu$/m);
    expect(out.slice(open)).toContain('[nummer]');
  });

  it('nothing recorded yet: every section says so', async () => {
    const result = await cli('kb', 'stats');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Most viewed:\n  (none)');
    expect(result.out).toContain('"Did not help" rate:\n  (no feedback)');
    expect(result.out).toContain('Questions without a good answer:\n  (none)');
    expect(JSON.parse((await cli('kb', 'stats', '--json')).out)).toEqual({ mostViewed: [], feedback: [], unanswered: [], groups: [] });
  });

  it('--since leaves out older events; --limit shortens each list', async () => {
    await services.kbEvents.record([{ at: new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString(), kind: 'view', entryId: 'kb-001', language: 'nl' }]);
    await recordChatUse();
    const recent = JSON.parse((await cli('kb', 'stats', '--json')).out);
    expect(recent.mostViewed.map((v: { entryId: string }) => v.entryId)).not.toContain('kb-001');
    const longer = JSON.parse((await cli('kb', 'stats', '--since', '60d', '--json')).out);
    expect(longer.mostViewed).toContainEqual({ entryId: 'kb-001', views: 1 });
    const one = JSON.parse((await cli('kb', 'stats', '--limit', '1', '--json')).out);
    expect([one.mostViewed.length, one.feedback.length, one.unanswered.length]).toEqual([1, 1, 1]);
  });

  it.each([
    [['kb', 'stats', '--since', 'gisteren'], /--since/],
    [['kb', 'stats', '--limit', '0'], /--limit/],
    [['kb', 'stats', '--limit', 'x'], /--limit/],
    [['kb', 'stats', '--unknown'], /--unknown/],
  ])('usage mistakes exit 2: %j', async (args, problem) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(problem);
    expect(result.err).toMatch(/Usage: ketenbot kb stats/);
  });
});
