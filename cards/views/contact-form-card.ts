import type { Translate } from '../i18n/translate.ts';
import { cancelAction } from './cancel-action.ts';
import type { CardBlock, CardView } from './card-view.ts';

export interface ContactFormValues {
  name?: string;
  phone?: string;
  email?: string;
  role?: string;
}

/** Name, phone, e-mail and job title inputs: the own-details card and the administrator's contact editor. */
export function contactFormBlocks(t: Translate, values: ContactFormValues): CardBlock[] {
  return [
    { type: 'input', input: { kind: 'text', id: 'name', label: t('profile.name'), value: values.name ?? '', maxLength: 200 } },
    { type: 'input', input: { kind: 'text', id: 'phone', label: t('profile.phone'), value: values.phone ?? '', maxLength: 20 } },
    { type: 'input', input: { kind: 'text', id: 'email', label: t('profile.email'), value: values.email ?? '', maxLength: 300 } },
    { type: 'input', input: { kind: 'text', id: 'role', label: t('profile.function'), value: values.role ?? '', maxLength: 200 } },
  ];
}

export function profileCard(t: Translate, facts: { roles: string; organisations: string; id: string }, values: ContactFormValues, error?: string): CardView {
  return {
    kind: 'profile',
    title: t('profile.title'),
    blocks: [
      { type: 'facts', facts: [{ label: t('profile.roles'), value: facts.roles }, { label: t('profile.organisations'), value: facts.organisations }] },
      { type: 'text', text: t('profile.id', { id: facts.id }), style: 'muted' },
      ...(error ? [{ type: 'text' as const, text: error, style: 'warning' as const }] : []),
      ...contactFormBlocks(t, values),
    ],
    actions: [{ kind: 'submit', id: 'profile.save', label: t('profile.save'), style: 'primary' }, cancelAction(t, 'profile')],
    fallbackText: t('profile.title'),
  };
}

export function contactEditCard(t: Translate, contactId: string, values: ContactFormValues, error?: string): CardView {
  return {
    kind: 'contact.edit',
    title: t('contact.edit.title', { name: values.name ?? contactId }),
    blocks: [...(error ? [{ type: 'text' as const, text: error, style: 'warning' as const }] : []), ...contactFormBlocks(t, values)],
    actions: [{ kind: 'submit', id: 'profile.saveContact', label: t('profile.save'), style: 'primary', data: { contactId } }, cancelAction(t, 'contact.edit')],
    fallbackText: t('contact.edit.title', { name: values.name ?? contactId }),
  };
}
