import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, translator, type MessageKey } from '../../cards/i18n/translate.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { normalizeText } from '../../core/conversation/normalize.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { onlyCard, onlyText, openDialogHarness, type DialogHarness } from './dialog-harness.ts';
import { asWho, loadDirectory, say, type Who } from './help-audience.ts';

/**
 * Every command the help texts name works, in the language they name it in: the English texts name
 * English commands ("channel link [organisation]"), the Dutch texts Dutch ones ("kanaal koppel
 * [organisatie]"), and both kinds of words work whatever the person's language.
 */

let h: DialogHarness;
beforeAll(async () => {
  h = await openDialogHarness();
  await loadDirectory(h);
});
afterAll(async () => {
  await h?.dispose();
});

// The texts that tell people what to type.
const COMMAND_TEXTS = /capability\.(?:accept\.)?text$|^help\.examples\.|\.usage$|^digest\.(?:notLinked|current|usage)$|^channel\.(?:list\.empty|gone\.notice)$|^report\.noOrganisation$|^maintenance\.unknownAction$|^news\.done\.|^kbReview\.(?:more|gone|none)$|^kbEdit\.exists$|^treeAdmin\.unknownVersion$|^unknown\.text$|^flow\.stopped$|^invite\.created$/;
// Quoted examples that are questions for the knowledge base, not commands.
const QUESTIONS = new Set(['wachtwoord vergeten', 'viewer blijft leeg', 'forgot my password', 'viewer stays empty']);
const SAMPLES: Record<string, string> = {
  organisation: 'RSO Rivierenland', organisatie: 'RSO Rivierenland', application: 'RivierenNet', applicatie: 'RivierenNet',
  code: 'K7PM-Q2XR', id: 'kb-001', question: 'wachtwoord', vraag: 'wachtwoord',
};

/** The quoted commands of a text, filled in as someone would type them. */
function commandsIn(text: string): string[] {
  return [...text.matchAll(/"([^"]+)"|'([^']+)'/g)]
    .map((m) => (m[1] ?? m[2])!)
    .map((c) => c.replace(/^(?:\/ketenbot|@Ketenbot)\s+/i, ''))
    .map((c) => c.replace(/\[(\w+)\]/g, (_, name: string) => SAMPLES[name] ?? name).replace(/\{(\w+)\}/g, (_, name: string) => (name === 'organisation' ? 'RSO Rivierenland' : name === 'id' ? 'NWS-2025-0001' : name === 'code' ? 'K7PM-Q2XR' : name === 'version' ? 'v2' : name)))
    .filter((c) => !/^\{?\w+\}?$/.test(c) || /^[a-z]/i.test(c));
}

/** The flow that would take this text, as the engine routes it (interrupting flows first, then in order). */
function claimedBy(text: string, locale: Locale): string | undefined {
  const inbound: Inbound = { platform: 'local', actor: { id: 'u' }, conversation: { id: 'c', kind: 'personal' }, locale, text, receivedAt: new Date() };
  const normalized = normalizeText(text);
  return (h.flows.find((f) => f.interrupts && f.matches?.(normalized, inbound)) ?? h.flows.find((f) => !f.interrupts && f.matches?.(normalized, inbound)))?.id;
}

describe.each<Locale>(['nl', 'en'])('the commands the %s texts name', (locale) => {
  const texts = Object.entries(catalogue(locale)).filter(([key]) => COMMAND_TEXTS.test(key));
  const commands = [...new Set(texts.flatMap(([key, text]) => commandsIn(text).map((c) => `${key} → ${c}`)))];

  it('there are commands to check', () => {
    expect(commands.length).toBeGreaterThan(25);
  });

  it.each(commands.map((c) => [c]))('%s is a command a flow takes', (entry) => {
    const command = entry.slice(entry.indexOf(' → ') + 3);
    const flow = claimedBy(command, locale);
    if (QUESTIONS.has(command)) expect(flow).toBeUndefined();
    else expect(flow, command).toBeDefined();
  });
});

describe('English commands answer in English; the Dutch ones still work', () => {
  const en = translator('en');
  const nl = translator('nl');
  const admin: Who = { platform: 'slack', user: 'UADMINRSO', role: ['administrator', 'org-rso-rivierenland'] };
  const channel = { kind: 'channel' as const, conversation: 'C-STORINGEN' };
  const kinds = (replies: Reply[]) => replies.map((r) => (r.kind === 'card' ? `card:${r.card.kind}` : r.text));

  beforeAll(async () => {
    await asWho(h, admin);
  });

  it.each<[string, Locale, string]>([
    ['channel link RSO Rivierenland', 'en', en('channel.linked', { organisation: 'RSO Rivierenland' })],
    ['channel link RSO Rivierenland', 'en', en('channel.alreadyLinked', { organisation: 'RSO Rivierenland' })],
    ['kanaal koppel RSO Rivierenland', 'nl', nl('channel.alreadyLinked', { organisation: 'RSO Rivierenland' })],
    ['channel report week', 'en', en('digest.set.weekly')],
    ['kanaal rapport uit', 'nl', nl('digest.set.off')],
    ['channel', 'en', 'card:channel.list'],
    ['channel unlink RSO Rivierenland', 'en', en('channel.unlinked', { organisations: 'RSO Rivierenland' })],
  ])('in a channel: %j (%s) → %j', async (text, locale, answer) => {
    expect(kinds(await say(h, admin, text, { locale, ...channel }))).toEqual([answer]);
  });

  it.each<[string, Locale, string]>([
    ['maintenance list', 'en', 'card:maintenance.list'],
    ['onderhoud lijst', 'nl', 'card:maintenance.list'],
    ['invitations', 'en', 'card:invite.list'],
    ['uitnodigingen', 'nl', 'card:invite.list'],
    ['my details', 'en', 'card:profile'],
    ['mijn gegevens', 'nl', 'card:profile'],
    ['kb new', 'en', 'card:kb.edit'],
    ['kb nieuw', 'nl', 'card:kb.edit'],
    ['news', 'en', 'card:news.form'],
    ['nieuws', 'nl', 'card:news.form'],
  ])('in a DM: %j (%s) → %s', async (text, locale, answer) => {
    const replies = await say(h, admin, text, { locale });
    expect(kinds(replies)).toEqual([answer]);
    // The card speaks the language of the command's person, not of the words.
    expect(JSON.stringify(onlyCard(replies))).not.toContain(locale === 'en' ? nl('form.cancel') : en('form.cancel'));
  });

  it('"accept K7PM-Q2XR" and "accepteer K7PM-Q2XR" both reach the invitations (an unknown code is named)', async () => {
    const midwife: Who = { platform: 'local', user: 'verloskundige-fleur' };
    expect(onlyText(await say(h, midwife, 'accept K7PM-Q2XR', { locale: 'en' }))).toBe(en('access.invitationNotFound', { code: 'K7PM-Q2XR' }));
    expect(onlyText(await say(h, midwife, 'accepteer K7PM-Q2XR'))).toBe(nl('access.invitationNotFound', { code: 'K7PM-Q2XR' }));
  });
});

// Keep the MessageKey import honest: these keys are the ones the cases above rely on.
const _used: MessageKey[] = ['channel.linked', 'digest.set.weekly', 'access.invitationNotFound'];
void _used;
