import type { Translate } from '../i18n/translate.ts';
import type { CardAction, CardView } from './card-view.ts';

/** The action id of every form's cancel button (handled by dialogs/form-cancel-flow.ts). */
export const CANCEL_ACTION_ID = 'form.cancel';

/**
 * The replace keys of forms: only a card shown under one of these can be closed by a cancel, so
 * a forged cancel can never wipe another card (an incident card, a tree step) from a chat.
 * New forms use "<name>-form:<id>".
 */
const FORM_KEY = /^(?:[a-z]+(?:-[a-z]+)*-form(?::[\w.-]{1,80})?|kb-edit:[\w.-]{1,100}|invite\.form|profile|contact\.edit)$/;

export const isFormKey = (key: unknown): key is string => typeof key === 'string' && FORM_KEY.test(key);

/**
 * "Annuleren" on a form: closes the form (the card is replaced in place by a short note where
 * the platform can update it) and stores nothing. `formKey` is the replace key the form was sent
 * with; `flowId` the flow whose open question it ends, when that flow keeps state while the form
 * is open. The client sends no inputs and checks no required fields. In a Slack modal the
 * modal's own close button does this (renderModal keeps only the first submit action).
 */
export function cancelAction(t: Translate, formKey: string, flowId?: string): CardAction {
  if (!isFormKey(formKey)) throw new Error(`"${formKey}" is not a form's replace key (see FORM_KEY)`);
  return { kind: 'submit', id: CANCEL_ACTION_ID, label: t('form.cancel'), ignoresInputs: true, data: { form: formKey, ...(flowId ? { flow: flowId } : {}) } };
}

/** What a cancelled form turns into. */
export function cancelledCard(t: Translate): CardView {
  return {
    kind: 'form.cancelled',
    title: t('forms.cancelled.title'),
    blocks: [{ type: 'text', text: t('forms.cancelled.text'), style: 'muted' }],
    fallbackText: t('forms.cancelled.short'),
  };
}
