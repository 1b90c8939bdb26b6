import { cancelledCard } from '../cards/views/cancel-action.ts';
import type { Flow, FlowStep } from '../core/conversation/flow.ts';
import { cardReply, textReply, type Reply } from '../core/conversation/reply.ts';

const STOP_WORDS = new Set(['stop', 'stoppen', 'annuleer', 'annuleren', 'cancel', 'quit', 'afbreken', 'klaar']);

/**
 * "stop" ends whatever flow is running, from any step, and closes a form left open (the form's card
 * is replaced by the same note as its own cancel button leaves, so its buttons cannot send it any more).
 */
export const stopFlow: Flow<never> = {
  id: 'stop',
  interrupts: true,
  matches: (text) => STOP_WORDS.has(text),
  start: async (ctx): Promise<FlowStep<never>> => {
    const form = await ctx.openForm?.();
    const closed: Reply[] = form
      ? [
          cardReply(cancelledCard(ctx.t), form.replaceKey),
          textReply(ctx.t('conversation.formClosed.reply', { title: form.title })),
        ]
      : [];
    if (ctx.activeFlowId) return { replies: [...closed, textReply(ctx.t('flow.stopped'))], clearActive: true, ...(form ? { closedForm: form } : {}) };
    if (form) return { replies: closed, closedForm: form };
    return { replies: [textReply(ctx.t('flow.nothingToStop'))] };
  },
};

