import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { conversationStateKey } from '../../core/conversation/conversation-state.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import { MAX_MESSAGE_CHARS } from '../../core/conversation/input-limits.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { startBot, type RunningBot } from '../support/bot-server.ts';
import { hostileText, randomWord } from './hostile-text.ts';

/**
 * The whole conversation engine with every flow installed, on the demo directory and knowledge
 * base, fed arbitrary text and arbitrary button presses. Whatever comes in: an answer, in time,
 * never the "something went wrong" of a turn that threw.
 */
let running: RunningBot;
beforeAll(async () => {
  running = await startBot({ env: { DEMO_DATA: 'true' } });
  await running.bot.services.kbSearch.warm();
}, 60_000);
afterAll(async () => running?.stop());

let conversation = 0;
/** A fresh person in a fresh conversation each time, so no turn inherits another's language or flow. */
function inbound(partial: Partial<Inbound>): Inbound {
  conversation++;
  return { platform: 'local', actor: { id: `fuzz-user-${conversation}` }, conversation: { id: `fuzz-${conversation}`, kind: 'personal' }, locale: 'nl', receivedAt: new Date(), ...partial };
}

const describeInput = (message: Partial<Inbound>) => {
  try {
    return JSON.stringify(message).slice(0, 200);
  } catch {
    return `${message.action?.id ?? 'text'} (too deep to print)`;
  }
};
const replyTexts = (replies: Reply[]) => JSON.stringify(replies);
const crashed = (replies: Reply[]) => replyTexts(replies).includes(nl['error.generic']) || replyTexts(replies).includes(en['error.generic']);

/** One turn: answered (at least one reply), not by a crash, within `ms` of wall time. */
async function turn(message: Partial<Inbound>, ms = 1500): Promise<Reply[]> {
  const started = performance.now();
  const replies = await running.bot.engine.handle(inbound(message));
  const took = performance.now() - started;
  expect(replies.length, 'answered').toBeGreaterThan(0);
  expect(crashed(replies), `no crash for ${describeInput(message)}`).toBe(false);
  expect(took, 'bounded time').toBeLessThan(ms);
  return replies;
}

// Words that start a flow, so the fuzzed tail reaches that flow's own parsing.
const COMMANDS = ['', 'kb ', 'wie ', 'wie beheert ', 'contact ', 'incident ', 'incident INC-2026-', 'accepteer ', 'verleng ', 'intrekken ',
  'kanaal koppel ', 'onderhoud ', 'onderhoud MNT-', 'nieuws ', 'rapport week ', 'uitnodigen ', 'contact bewerk ', 'beslisboom ', 'help ', 'English '];
const ACTION_IDS = ['directory.open', 'directory.search', 'directory.show', 'incident.confirm', 'incident.escalate', 'incident.file', 'incident.new',
  'incident.reopen', 'incident.resolve', 'incident.take', 'incident.update', 'invite.create', 'invite.extend', 'invite.revoke', 'kb.helped',
  'kb.notHelped', 'kb.open', 'kb.other', 'kb.pick', 'kb.search', 'maintenance.cancel', 'maintenance.edit', 'maintenance.extend', 'maintenance.new', 'maintenance.save',
  'news.edit', 'news.save', 'profile.save', 'profile.saveContact', 'release.save', 'tree.back', 'tree.choose', 'tree.continue', 'tree.kb',
  'tree.restart', 'tree.start', 'tree.stop'];

describe('conversation engine under arbitrary input', () => {
  it('answers a 100,000-letter word at once, with a clear "too long" in the user\'s language', async () => {
    const word = randomWord(100_000, 7);
    const heapBefore = process.memoryUsage().heapUsed;
    const [nlReply] = await turn({ text: word }, 1000);
    expect(replyTexts([nlReply!])).toContain('te lang');
    expect(replyTexts([nlReply!])).toContain('4.000');
    const [enReply] = await turn({ text: word, locale: 'en' }, 1000);
    expect(replyTexts([enReply!])).toContain('too long');
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('answers the longest accepted message made of one random word quickly (typo correction is bounded)', async () => {
    for (const length of [400, 800, 2000, MAX_MESSAGE_CHARS]) {
      const replies = await turn({ text: randomWord(length, length) }, 1000);
      expect(replyTexts(replies)).not.toContain('te lang');
    }
  });

  it('answers arbitrary text after any command word', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMANDS), hostileText(), async (command, tail) => {
        await turn({ text: command + tail });
      }),
      { numRuns: 120 },
    );
  });

  it('answers arbitrary button presses and form values, known action ids or not', async () => {
    const values = fc.dictionary(
      fc.constantFrom('entry', 'question', 'incident', 'title', 'description', 'applicationId', 'organisationIds', 'choice', 'node', 'code', 'id', 'name', 'phone', 'email', 'start', 'end', 'x'),
      fc.oneof(hostileText(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(hostileText(), { maxLength: 5 }), fc.object({ maxDepth: 3 })),
      { maxKeys: 8 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...ACTION_IDS), fc.string()), values, async (id, vals) => {
        await turn({ action: { id, values: vals } });
      }),
      { numRuns: 150 },
    );
  });

  it('refuses form values nested deeper than any card makes, and overlong fields, in words', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const [deepReply] = await turn({ action: { id: 'incident.file', values: { description: deep } } }, 1000);
    expect(replyTexts([deepReply!])).toContain(nl['input.tooDeep']);
    const [longReply] = await turn({ action: { id: 'incident.file', values: { description: 'a'.repeat(30_000) } } }, 1000);
    expect(replyTexts([longReply!])).toContain('te lang');
  });

  it('keeps a running flow when a too-long message arrives in the middle of it', async () => {
    const user = 'fuzz-flow-user';
    const conv = { id: 'fuzz-flow', kind: 'personal' as const };
    const base = { platform: 'local' as const, actor: { id: user }, conversation: conv, locale: 'nl' as const, receivedAt: new Date() };
    await running.bot.engine.handle({ ...base, text: 'ik heb een probleem' });
    const key = conversationStateKey(base);
    const before = await running.bot.services.store.read<{ flowId: string }>(key);
    expect(before?.value.flowId).toBe('tree');
    await running.bot.engine.handle({ ...base, text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) });
    const after = await running.bot.services.store.read<{ flowId: string }>(key);
    expect(after).toEqual(before);
  });
});

describe('knowledge-base search under arbitrary questions', () => {
  it('returns at most the limit, scores within 0…1, quickly, for any text and both languages', async () => {
    const search = running.bot.services.kbSearch;
    await fc.assert(
      fc.asyncProperty(hostileText(), fc.constantFrom('nl' as const, 'en' as const), fc.boolean(), async (question, language, includeDrafts) => {
        const started = performance.now();
        const hits = await search.search(question, { language, includeDrafts });
        const ranked = await search.rank(question, { language, includeDrafts });
        expect(performance.now() - started).toBeLessThan(1000);
        expect(hits.length).toBeLessThanOrEqual(3);
        for (const hit of [...hits, ...ranked]) {
          expect(hit.score).toBeGreaterThanOrEqual(0);
          expect(hit.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('still ranks the right entry first when the question comes before a long text of noise words', async () => {
    const search = running.bot.services.kbSearch;
    const [clean] = await search.rank('wachtwoord vergeten', { language: 'nl' });
    const noise = Array.from({ length: 300 }, (_, i) => randomWord(9, i)).join(' ');
    const [noisy] = await search.rank(`wachtwoord vergeten ${noise}`, { language: 'nl' });
    expect(clean?.id).toBeDefined();
    expect(noisy?.id).toBe(clean?.id);
  });
});
