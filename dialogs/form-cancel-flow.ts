import { CANCEL_ACTION_ID, cancelledCard, isFormKey } from '../cards/views/cancel-action.ts';
import type { Flow } from '../core/conversation/flow.ts';
import { cardReply, textReply } from '../core/conversation/reply.ts';

/**
 * "Annuleren" on any form (cards/views/cancel-action.ts): the form card becomes a short
 * "Geannuleerd" note in place (a new note where the platform cannot update it) and nothing is
 * stored; only the person the form was sent to can cancel it, and only while it is open. It interrupts: a flow running in the conversation goes on, unless the form belonged to it.
 */
export const formCancelFlow: Flow<never> = {
  id: 'form',
  interrupts: true,
  async start(ctx, inbound) {
    const values = inbound.action?.id === CANCEL_ACTION_ID ? inbound.action.values : {};
    // Only a form still open, sent to this person here: not a colleague's form in a channel, and not
    // a form already sent (its key may now show what it filed).
    if (isFormKey(values.form) && ctx.isOpenForm && !(await ctx.isOpenForm(values.form))) return { replies: [textReply(ctx.t('forms.cancel.notOpen'))] };
    const ends = typeof values.flow === 'string' && values.flow === ctx.activeFlowId;
    const replies = isFormKey(values.form) ? [cardReply(cancelledCard(ctx.t), values.form)] : [textReply(ctx.t('forms.cancelled.short'))];
    return { replies, ...(ends ? { clearActive: true } : {}) };
  },
};
