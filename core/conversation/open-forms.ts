import type { OpenForm } from './flow.ts';
import type { Inbound } from './inbound.ts';
import type { KeyValueStore } from './key-value-store.ts';
import type { Reply } from './reply.ts';

/** Where the forms one person has open in one conversation are kept. */
export const openFormsKey = (inbound: Pick<Inbound, 'platform' | 'conversation' | 'actor'>) => `form:${inbound.platform}:${inbound.conversation.id}:${inbound.actor.id}`;
/** The forms one person may have open in one conversation at once (older ones are forgotten). */
const KEPT = 5;

interface Stored {
  forms: Array<OpenForm & { actionIds: string[] }>;
}

/**
 * Forms are plain cards, not running flows: nothing waits for them. So that "stop" can close one
 * (instead of answering "nothing to stop" while a form is on screen), and so that a cancel can only
 * close a form that is still open and was sent to the person pressing it, the engine remembers the
 * forms a person was sent in a conversation. A form is forgotten once one of its own buttons is
 * pressed (sent, cancelled, or sent back with errors, which records the new form again).
 *
 * A form is a card sent as a form (a Slack modal where possible) or a card with a cancel button. On
 * Slack a typed "stop" cannot reach an open modal, and for one closed with its own close button the
 * answer ("closed, nothing saved") is still true.
 */
export class OpenForms {
  constructor(private readonly store: KeyValueStore) {}

  /** The form sent last that is still open. */
  async find(inbound: Inbound): Promise<OpenForm | undefined> {
    const form = (await this.read(inbound)).at(-1);
    return form ? { flowIds: form.flowIds, replaceKey: form.replaceKey, title: form.title } : undefined;
  }

  async isOpen(inbound: Inbound, replaceKey: string): Promise<boolean> {
    return (await this.read(inbound)).some((f) => f.replaceKey === replaceKey);
  }

  /** After a turn: remember a form just sent; forget the one whose own button was pressed, or that stop closed. */
  async afterTurn(inbound: Inbound, replies: Reply[], closed: OpenForm | undefined): Promise<void> {
    let forms = await this.read(inbound);
    const before = forms.length;
    if (closed) forms = forms.filter((f) => f.replaceKey !== closed.replaceKey);
    const action = inbound.action;
    if (action) forms = forms.filter((f) => !(f.actionIds.includes(action.id) && refersTo(action.values, f.replaceKey)));
    const sent = replies.flatMap((r) => (r.kind === 'card' && r.replaceKey && isForm(r) ? [{ card: r.card, replaceKey: r.replaceKey }] : []));
    for (const { card, replaceKey } of sent) {
      const actionIds = (card.actions ?? []).flatMap((a) => (a.kind === 'submit' ? [a.id] : []));
      forms = [...forms.filter((f) => f.replaceKey !== replaceKey), { flowIds: [...new Set(actionIds.map((id) => id.split('.')[0]!))], actionIds, replaceKey, title: card.title }];
    }
    if (!sent.length && forms.length === before) return;
    await this.store.write<Stored>(openFormsKey(inbound), { forms: forms.slice(-KEPT) }, 'any');
  }

  private async read(inbound: Inbound): Promise<Stored['forms']> {
    return (await this.store.read<Stored>(openFormsKey(inbound)))?.value.forms ?? [];
  }
}

/** A card sent as a form (a Slack modal where possible), or one with a cancel button. */
export const isForm = (reply: Extract<Reply, { kind: 'card' }>) =>
  reply.asModal === true || (reply.card.actions ?? []).some((a) => a.kind === 'submit' && a.id.endsWith('.cancel'));

/** Does a button's data name this form? Buttons that name none (a form's own "send") count as its own. */
function refersTo(values: Record<string, unknown>, replaceKey: string): boolean {
  const named = [values.form, values.formId].filter((v): v is string => typeof v === 'string');
  return !named.length || named.some((v) => v === replaceKey || replaceKey.endsWith(`:${v}`));
}
