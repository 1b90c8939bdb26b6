import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCardText } from '../../cards/adaptive/card-markdown.ts';
import { renderAdaptiveCard } from '../../cards/adaptive/render-adaptive-card.ts';
import { escapeMrkdwn } from '../../cards/blockkit/mrkdwn.ts';
import { renderBlocks, renderModal } from '../../cards/blockkit/render-blocks.ts';
import { cleanText } from '../../cards/text/clean-text.ts';
import { validateAdaptiveCard } from '../cards/adaptive/adaptivecards-validator.ts';
import { adaptiveActiveMarkup, slackActiveMarkup, visibleText } from './card-markup.ts';
import { hostileText } from './hostile-text.ts';
import { TRUSTED_URLS, hostileViews } from './hostile-views.ts';
import { badStrings, slackLimitProblems } from './slack-limits.ts';

/*
 * Issue 14, point 2, for both card renderers: arbitrary text in every user slot of the real
 * views (incident alert, list and form, maintenance, news, knowledge base, directory, profile,
 * invitations) renders in time, to a card the platform accepts, with no markup from the text.
 */

/** Pieces of markdown, mrkdwn and HTML, in any order: the syntax an attacker tries. */
const markup = fc
  .array(fc.constantFrom('[', ']', '](', '(', ')', 'https://evil.example', 'www.evil.example', 'a@b.nl', '<', '>', '!', '*', '**', '_', '~', '`', '#', '- ', '1. ', '=', '|', '\\', '&', '&lt;', '\n', '\n\n', ' ', '    ', '<!channel>', '<@U1>', '<#C1>', '<at>', '</at>', '@here', '{{', '}}', 'DATE(2026-11-22T13:05:00Z)', 'x', 'é', '😀'), { maxLength: 80 })
  .map((parts) => parts.join(''));

/** Up to 100,000 characters: a short random string repeated. */
const long = fc
  .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), fc.integer({ min: 3000, max: 100_000 }))
  .map(([piece, size]) => piece.repeat(Math.ceil(size / piece.length)).slice(0, size));

const userText = fc.oneof(hostileText(), markup, long, fc.string({ unit: 'binary', maxLength: 300 }), fc.constant(''));

/**
 * One view through both renderers (card, message and modal), never slower than this. Measured:
 * at most ~60 ms for the costliest input (100,000 characters of dense markup in every slot of the
 * incident alert); the margin is for a machine busy with other tests.
 */
const RENDER_MS = 1500; // a hang detector (typical: a few ms), wide enough for a loaded 2-core CI

describe('both card renderers on arbitrary user text (fast-check)', () => {
  it('every representative view renders in time to a valid card with no markup from the text', () => {
    fc.assert(
      fc.property(userText, fc.constantFrom('nl' as const, 'en' as const), (text, locale) => {
        for (const [name, view] of hostileViews(text, locale)) {
          const started = performance.now();
          const card = renderAdaptiveCard(view);
          const message = renderBlocks(view);
          const modal = renderModal(view, 'cb', '{}', 'Annuleren');
          const took = performance.now() - started;
          const where = `${name} with ${JSON.stringify(text.slice(0, 60))} (${text.length} chars)`;

          expect(took, `${where}: ${took.toFixed(0)} ms`).toBeLessThan(RENDER_MS);
          expect(validateAdaptiveCard(card), where).toEqual([]);
          expect(badStrings(card), where).toEqual([]);
          expect(adaptiveActiveMarkup(card, TRUSTED_URLS), where).toEqual([]);
          expect(slackLimitProblems(message), where).toEqual([]);
          expect(slackLimitProblems(modal), where).toEqual([]);
          expect(slackActiveMarkup(message, TRUSTED_URLS), where).toEqual([]);
          expect(slackActiveMarkup(modal, TRUSTED_URLS), where).toEqual([]);
        }
      }),
      {
        numRuns: 30,
        // A failure is reported as found: shrinking texts of 100,000 characters would take minutes.
        endOnFailure: true,
        // Always tried as well: the costliest inputs found (100,000 characters of dense markup, of lone surrogates, of controls).
        examples: [['*_[](<>&.x '.repeat(10_000), 'nl'], ['\ud83d'.repeat(100_000), 'en'], ['\u0000\u0007\u001b\r\n'.repeat(20_000), 'nl'], ['<!channel>'.repeat(10_000), 'nl'], ['', 'en']],
      },
    );
  });

  it('Adaptive Card text shows exactly what was typed (markdown only drops leading spaces and joins blank lines)', () => {
    const asTyped = (s: string) => cleanText(s).split('\n').map((line) => line.trim()).join('\n').replace(/\n{2,}/g, '\n').trim();
    fc.assert(
      fc.property(fc.oneof(markup, fc.string({ unit: 'grapheme-ascii', maxLength: 200 })), (text) => {
        expect(visibleText(escapeCardText(text))).toBe(asTyped(text));
      }),
      { numRuns: 300 },
    );
  });

  it('mrkdwn text shows exactly what was typed once Slack decodes its entities (the guards are invisible)', () => {
    fc.assert(
      fc.property(userText, (text) => {
        const shown = escapeMrkdwn(text).replace(/\u200B/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        expect(shown).toBe(cleanText(text).replace(/\u200B/g, ''));
      }),
      { numRuns: 200 },
    );
  });
});
