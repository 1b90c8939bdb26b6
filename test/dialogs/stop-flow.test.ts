import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../core/conversation/flow.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { textReply } from '../../core/conversation/reply.ts';
import { describeReplies, LOCALES, onlyText, openDialogHarness, translate, type DialogHarness } from './dialog-harness.ts';

/** A flow that stays active until answered, to have something to stop. */
const askFlow: Flow<{ asked: true }> = {
  id: 'ask',
  matches: (text) => text === 'vraag',
  start: () => ({ replies: [textReply('Wat is uw vraag?')], state: { asked: true } }),
  step: (_ctx, _state, inbound) => ({ replies: [textReply(`Uw vraag: ${inbound.text}`)] }),
};

let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness([askFlow]);
});
afterEach(async () => {
  await h.dispose();
});

const STOP_INPUTS = ['stop', 'Stop!', 'STOP', 'stoppen', 'annuleer', 'Annuleren', 'cancel', 'quit', 'afbreken', 'klaar'];

describe('stop flow (through the engine, with the installed flows)', () => {
  describe.each(LOCALES)('locale %s', (locale: Locale) => {
    it.each(STOP_INPUTS.map((s) => [s]))('%j while a flow runs → flow.stopped, and the flow is ended', async (input) => {
      await h.say('vraag', { locale });
      expect(await h.activeState()).toBeDefined();

      expect(describeReplies(await h.say(input, { locale }), locale)).toEqual(['flow.stopped']);
      expect(await h.activeState()).toBeUndefined();
      // the answer the flow waited for is now an ordinary question (to the knowledge base)
      expect(describeReplies(await h.say('mijn vraag', { locale }), locale)).toEqual(['card:kb.none']);
    });

    it.each(STOP_INPUTS.map((s) => [s]))('%j is recognised as stop when nothing runs (never unknown.text)', async (input) => {
      const said = describeReplies(await h.say(input, { locale }), locale);
      expect(said).toHaveLength(1);
      expect(['flow.stopped', 'flow.nothingToStop']).toContain(said[0]);
    });

    it('"stop" with nothing running says there is nothing to stop (not "Stopped")', async () => {
      // flow.nothingToStop exists for exactly this answer; "Gestopt"/"Stopped" claims something ended.
      expect(onlyText(await h.say('stop', { locale }))).toBe(translate(locale, 'flow.nothingToStop'));
    });

    it('"stop" after a flow finished by itself says there is nothing to stop', async () => {
      await h.say('vraag', { locale });
      await h.say('waar is de helpdesk', { locale });
      expect(onlyText(await h.say('stop', { locale }))).toBe(translate(locale, 'flow.nothingToStop'));
    });
  });

  it('stop ends only the flow of this conversation', async () => {
    await h.say('vraag', { conversation: 'a' });
    await h.say('vraag', { conversation: 'b' });
    await h.say('stop', { conversation: 'a' });
    expect(await h.activeState({ conversation: 'a' })).toBeUndefined();
    expect(onlyText(await h.say('mijn vraag', { conversation: 'b' }))).toBe('Uw vraag: mijn vraag');
  });
});
