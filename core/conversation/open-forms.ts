import { actionFlowId, type OpenForm } from './flow.ts';
import type { Inbound } from './inbound.ts';
import type { KeyValueStore } from './key-value-store.ts';
import type { Reply } from './reply.ts';

const keyOf = (inbound: Inbound) => `form:${inbound.platform}:${inbound.conversation.id}:${inbound.actor.id}`;

/**
 * Forms are plain cards, not running flows: nothing waits for them. So that "stop" can close one
 * (instead of answering "nothing to stop" while a form is on screen), the engine remembers the last
 * form a user was sent in a conversation, and forgets it once any button of that flow is pressed
 * (sent, cancelled, or sent back with errors, which records the new form again).
 *
 * On Slack a form is often a modal: a typed "stop" cannot reach an open one, and for one closed with
 * its own Cancel the answer ("closed, nothing saved") is still true.
 */
export class OpenForms {
  constructor(private readonly store: KeyValueStore) {}

  async find(inbound: Inbound): Promise<OpenForm | undefined> {
    return (await this.store.read<OpenForm>(keyOf(inbound)))?.value;
  }

  /** After a turn: remember a form just sent, or forget the one whose own button was pressed. */
  async afterTurn(inbound: Inbound, replies: Reply[], closed: boolean): Promise<void> {
    const form = [...replies].reverse().find((r) => r.kind === 'card' && r.asModal && r.replaceKey);
    if (form?.kind === 'card' && form.replaceKey) {
      const flowIds = [...new Set((form.card.actions ?? []).filter((a) => a.kind === 'submit').map((a) => actionFlowId(a.id)))];
      await this.store.write<OpenForm>(keyOf(inbound), { flowIds, replaceKey: form.replaceKey, title: form.card.title }, 'any');
      return;
    }
    if (closed) return this.forget(inbound);
    if (!inbound.action) return;
    const open = await this.find(inbound);
    if (open?.flowIds.includes(actionFlowId(inbound.action.id))) await this.forget(inbound);
  }

  private async forget(inbound: Inbound): Promise<void> {
    await this.store.delete(keyOf(inbound));
  }
}
