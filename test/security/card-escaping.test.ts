import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard, type AdaptiveCardJson } from '../../cards/adaptive/render-adaptive-card.ts';
import { renderBlocks, renderModal, type SlackBlock } from '../../cards/blockkit/render-blocks.ts';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import { applicationCard } from '../../cards/views/directory-cards.ts';
import { incidentCard, incidentThreadNote } from '../../cards/views/incident-cards.ts';
import { kbAnswerCard } from '../../cards/views/kb-cards.ts';
import { cardActivity, textActivity } from '../../bot/delivery/card-activity.ts';
import { SlackSender } from '../../bot/delivery/slack-sender.ts';
import { SlackResponder } from '../../bot/slack/slack-responder.ts';
import { TeamsResponder } from '../../bot/teams/teams-responder.ts';
import type { Delivery } from '../../core/delivery/delivery.ts';
import type { Incident } from '../../core/domain/incidents/types.ts';
import type { KbEntry } from '../../core/domain/knowledge-base/types.ts';
import { adaptiveActiveMarkup, adaptiveMarkdownTexts, slackActiveMarkup, slackMrkdwnTexts, visibleText, webChatHtml } from './card-markup.ts';
import { DESK_MAIL, DESK_URL, DIRECTORY, TRUSTED_URLS, hostileViews } from './hostile-views.ts';

/** The desk's phone number, a tel: link (directory data). */
const DESK_TEL = 'tel:+31205550102';

/*
 * Issue 14, point 5: an incident titled "[Klik hier om in te loggen](https://…)" was a live
 * link on the alert card in every channel. Whatever a user types is text on both renderers;
 * links come only from trusted data.
 */

const PHISHING = '[Klik hier om in te loggen](https://evil.example)';
const HOSTILE = [
  PHISHING,
  '<https://evil.example|tekst>',
  '<!channel> <!here> <!everyone> <@U123> <#C123> <!subteam^S123>',
  '@channel @here @everyone',
  '<at>Alle</at>',
  '# Kop',
  '![x](https://evil.example/img.png)',
  '- lijst\n- nog een\n1. genummerd\n2) ook',
  '**vet** *schuin* _cursief_ ~doorgehaald~ ~~weg~~',
  '> quote\n>> dieper',
  '`code` ```blok```',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  'https://evil.example www.evil.example evil.example beheer@evil.example mailto:beheer@evil.example',
  'Kop\n===\n---\n***',
  '    ingesprongen code',
  '[a]: https://evil.example\n\n[a]',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '&lt;at&gt;Alle&lt;/at&gt; &#60;b&#62;',
  '{{DATE(2026-11-22T13:05:00Z, SHORT)}}',
  '\\[niet\\](https://evil.example) \\',
];

const adaptive = (view: CardView) => renderAdaptiveCard(view);
const slack = (view: CardView) => renderBlocks(view);
const textBlocks = (card: AdaptiveCardJson) => adaptiveMarkdownTexts(card).filter((t) => t.where.endsWith('.text'));
/** What a Slack reader sees of mrkdwn that holds no markup: guards dropped, entities decoded. */
const slackVisible = (mrkdwn: string) => mrkdwn.replace(/\u200B/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('hostile text in every user slot of the real card views', () => {
  describe.each(HOSTILE)('%j', (text) => {
    it.each(hostileViews(text))('%s: the Adaptive Card has no link, mention, heading, image, list, quote, code or HTML from it', (_name, view) => {
      expect(adaptiveActiveMarkup(adaptive(view), TRUSTED_URLS)).toEqual([]);
    });

    it.each(hostileViews(text))('%s: Block Kit has no link, mention, quote or formatting from it', (_name, view) => {
      expect(slackActiveMarkup(slack(view), TRUSTED_URLS)).toEqual([]);
      expect(slackActiveMarkup(renderModal(view, 'cb', '{}'), TRUSTED_URLS)).toEqual([]);
    });
  });
});

function hostileIncident(text: string): Incident {
  const reporter = { id: 'slack:U1', name: 'Noor Willems', platform: 'slack' as const, userId: 'U1', organisationId: 'org-a' };
  return {
    id: 'INC-2026-0042', title: text, description: text, applicationIds: ['app-x'], organisationIds: ['org-a'], impact: 'degraded',
    startedAt: '2026-11-22T13:05:00.000Z', possibleDataLeak: false, status: 'new', layer: 'gtk', coordinatorId: 'org-gtk', partnerIds: [],
    reason: { kind: 'one-gtk', providers: 1, gtk: 'RivierenNet' }, audienceIds: ['org-a', 'org-gtk'], reporter,
    timeline: [{ at: '2026-11-22T13:05:00.000Z', kind: 'filed', actor: reporter }], createdAt: '2026-11-22T13:05:00.000Z', updatedAt: '2026-11-22T13:05:00.000Z',
  };
}

describe('the incident alert card shows the title and description exactly as typed', () => {
  const t = translator('nl');

  it.each(HOSTILE)('Adaptive Card: %j', (text) => {
    const card = adaptive(incidentCard(t, hostileIncident(text), DIRECTORY));
    const [title, , , description] = textBlocks(card);
    // Markdown drops leading spaces of a line and joins blank lines into one paragraph break.
    const asTyped = (s: string) => s.split('\n').map((line) => line.trimStart()).join('\n').replace(/\n{2,}/g, '\n').trim();
    expect(visibleText(title!.text)).toBe(asTyped(`INC-2026-0042: ${text}`));
    expect(visibleText(description!.text)).toBe(asTyped(text));
  });

  it.each(HOSTILE)('Block Kit: %j', (text) => {
    const { blocks } = slack(incidentCard(t, hostileIncident(text), DIRECTORY));
    expect(blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: `INC-2026-0042: ${text}` } });
    const description = blocks.find((b) => b.type === 'section' && (b.text as { text?: string } | undefined)?.text !== undefined) as unknown as { text: { text: string } };
    expect(slackVisible(description.text.text)).toBe(text);
  });

  it('the phishing title of the issue is no link on either platform', () => {
    const view = incidentCard(t, hostileIncident(PHISHING), DIRECTORY);
    const card = adaptive(view);
    for (const { text } of adaptiveMarkdownTexts(card)) expect(webChatHtml(text)).not.toMatch(/<a\b/);
    expect(JSON.stringify(card)).not.toMatch(/[^\\]\]\(https:\/\/evil/);
    const message = slack(view);
    expect(JSON.stringify(message)).not.toContain('<https://evil.example');
    expect(message.text).toContain('INC-2026-0042');
    expect(message.text).not.toContain('<');
  });
});

describe('links come only from trusted data', () => {
  const t = translator('nl');
  const c = { t, locale: 'nl' as const, now: new Date('2026-11-22T20:00:00.000Z') };
  const desk = (url?: string) => ({ organisation: { ...DIRECTORY.organisations[0]!, desk: { ...DIRECTORY.organisations[0]!.desk, ...(url === undefined ? {} : { url }) } }, status: { open: true as const, alwaysOpen: true } });

  it('the directory\'s desk URL and e-mail are links on both platforms', () => {
    const view = applicationCard(c, DIRECTORY.applications[0]!, desk(), []);
    // Long link labels get invisible break opportunities (zero-width spaces) in Adaptive Cards.
    const html = adaptiveMarkdownTexts(adaptive(view)).map((m) => webChatHtml(m.text)).join('').replace(/\u200B/g, '');
    expect(html).toContain(`<a href="${DESK_URL}">${DESK_URL}</a>`);
    expect(html).toContain(`<a href="mailto:${DESK_MAIL}">${DESK_MAIL}</a>`);
    const fields = slackMrkdwnTexts(slack(view).blocks).map((m) => m.text).join('\n');
    expect(fields).toContain(`<${DESK_URL}|${DESK_URL}>`);
    expect(fields).toContain(`<mailto:${DESK_MAIL}|${DESK_MAIL}>`);
  });

  it('a desk URL that is no web address is shown as text, not as a link', () => {
    const view = applicationCard(c, DIRECTORY.applications[0]!, desk('javascript:alert(1)'), []);
    expect(adaptiveActiveMarkup(adaptive(view), [`mailto:${DESK_MAIL}`, DESK_TEL])).toEqual([]);
    expect(slackActiveMarkup(slack(view), [`mailto:${DESK_MAIL}`, DESK_TEL])).toEqual([]);
  });

  it('a URL cannot break out of its link', () => {
    const url = 'https://a.example/x)[evil](https://evil.example)|<!channel>';
    const view = applicationCard(c, DIRECTORY.applications[0]!, desk(url), []);
    const encoded = 'https://a.example/x%29[evil]%28https://evil.example%29%7C%3C!channel%3E';
    expect(adaptiveActiveMarkup(adaptive(view), [encoded, `mailto:${DESK_MAIL}`, DESK_TEL])).toEqual([]);
    expect(slackActiveMarkup(slack(view), [encoded, `mailto:${DESK_MAIL}`, DESK_TEL])).toEqual([]);
  });

  it('a knowledge-base article keeps its administrator\'s bold and links, but no mention gets through', () => {
    const solution = '**Herstart** de viewer, zie [de handleiding](https://kb.example/viewer?a=1&b=2).\n\n<at>Alle</at> <!channel> @channel <img src=x>';
    const entry: KbEntry = {
      id: 'kb-001', language: 'nl', questions: [], title: '[Klik](https://evil.example)', problem: 'Leeg scherm.', solution, tags: [], applicationIds: [], audience: 'zorgverlener',
      published: true, createdBy: 'cli', createdAt: '2026-11-20T10:00:00.000Z', updatedBy: 'cli', updatedAt: '2026-11-20T10:00:00.000Z',
    };
    const view = kbAnswerCard(t, entry, []);
    const html = adaptiveMarkdownTexts(adaptive(view)).map((m) => webChatHtml(m.text)).join('\n');
    expect(html).toContain('<strong>Herstart</strong>');
    expect(html).toContain('<a href="https://kb.example/viewer?a=1&amp;b=2">de handleiding</a>');
    expect(adaptiveActiveMarkup(adaptive(view), ['https://kb.example/viewer?a=1&b=2']).filter((p) => !p.includes('<strong>') && !p.includes('<p>'))).toEqual([]);
    const mrkdwn = slackMrkdwnTexts(slack(view).blocks).map((m) => m.text).join('\n');
    expect(mrkdwn).toContain('*Herstart* de viewer, zie <https://kb.example/viewer?a=1&amp;b=2|de handleiding>.');
    expect(mrkdwn).not.toMatch(/<!|<@|<at>|@channel/);
    expect(slack(view).blocks[0]).toMatchObject({ type: 'header', text: { text: '[Klik](https://evil.example)' } });
  });
});

describe('notification and message texts that carry user text', () => {
  const t = translator('nl');
  const incident = hostileIncident(`${PHISHING} <at>Alle</at> <!channel>`);

  it('Slack: the notification text of a card message is escaped', () => {
    const { text } = slack(incidentCard(t, incident, DIRECTORY));
    expect(text).not.toContain('<');
    expect(slackActiveMarkup({ text, blocks: [] })).toEqual([]);
  });

  it('Teams: the card\'s fallback text is escaped markdown, the notification summary is defanged plain text', () => {
    const activity = cardActivity(incidentCard(t, incident, DIRECTORY));
    const card = activity.attachments[0]!.content as AdaptiveCardJson;
    expect(webChatHtml(card.fallbackText)).not.toMatch(/<a\b/);
    expect(visibleText(card.fallbackText)).toContain(PHISHING);
    expect(activity.summary).not.toMatch(/\]\(|<at|<!/);
    expect(activity.summary.replace(/\u200B/g, '')).toContain(PHISHING);
  });

  it('Teams and Web Chat: a text message is plain text, defanged for clients that ignore that', () => {
    const note = incidentThreadNote(t, incident, { at: '2026-11-22T13:05:00.000Z', kind: 'update', actor: { id: 'x', name: '<at>Alle</at>' }, text: PHISHING });
    const activity = textActivity(note);
    expect(activity.textFormat).toBe('plain');
    expect(activity.text).not.toMatch(/\]\(|<at/);
    expect(activity.text.replace(/\u200B/g, '')).toBe(note);
  });

  it('Teams: a text reply in a turn goes out as plain text', async () => {
    const sent: Array<Record<string, unknown>> = [];
    const context = { sendActivity: async (a: Record<string, unknown>) => { sent.push(a); return { id: '1' }; }, activity: {} };
    await new TeamsResponder({} as never).send(context as never, {} as never, [{ kind: 'text', text: `Gevonden: ${PHISHING}` }]);
    expect(sent[0]).toMatchObject({ type: 'message', textFormat: 'plain' });
    expect(String(sent[0]!.text)).not.toContain('](');
  });

  it('Slack: a thread note posted by the outbox is escaped mrkdwn', async () => {
    const posted: Array<{ text: string }> = [];
    const client = { chat: { postMessage: async (args: { text: string }) => { posted.push(args); return { ok: true, ts: '1.2' }; } } };
    const entry = { at: '2026-11-22T13:05:00.000Z', kind: 'update' as const, actor: { id: 'x', name: '<!channel>' }, text: '<https://evil.example|Klik hier> *nu*' };
    const delivery = { channelId: 'C1', operation: 'reply' } as Delivery;
    await new SlackSender(client as never).send(delivery, { text: incidentThreadNote(t, incident, entry) }, '1.1');
    expect(slackActiveMarkup({ text: posted[0]!.text, blocks: [] })).toEqual([]);
    expect(slackVisible(posted[0]!.text)).toContain('<https://evil.example|Klik hier> *nu*');
  });

  it('Slack: a text reply to a command is escaped mrkdwn', async () => {
    const answers: Array<{ text?: string; blocks?: SlackBlock[] }> = [];
    const respond = async (body: { text?: string }) => { answers.push(body); };
    await new SlackResponder({} as never).send({} as never, { channel: 'D1', respond: respond as never }, [{ kind: 'text', text: `Niet gevonden: "<!here> ${PHISHING}"` }]);
    expect(slackActiveMarkup({ text: answers[0]!.text!, blocks: [] })).toEqual([]);
  });
});
