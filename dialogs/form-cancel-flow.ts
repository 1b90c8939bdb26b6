import { CANCEL_ACTION_ID, cancelledCard, isFormKey } from '../cards/views/cancel-action.ts';
import type { Flow } from '../core/conversation/flow.ts';
import { cardReply, textReply } from '../core/conversation/reply.ts';

/**
 * "Annuleren" on any form (cards/views/cancel-action.ts): the form card becomes a short
 * "Geannuleerd" note in place (a new note where the platform cannot update it) and nothing is
 * stored. It interrupts: a flow running in the conversation goes on, unless the form belonged to it.
 */
export const formCancelFlow: Flow<never> = {
  id: 'form',
  interrupts: true,
  start(ctx, inbound) {
    const values = inbound.action?.id === CANCEL_ACTION_ID ? inbound.action.values : {};
    const ends = typeof values.flow === 'string' && values.flow === ctx.activeFlowId;
    const replies = isFormKey(values.form) ? [cardReply(cancelledCard(ctx.t), values.form)] : [textReply(ctx.t('forms.cancelled.short'))];
    return { replies, ...(ends ? { clearActive: true } : {}) };
  },
};
