import type { nlForms } from './nl-forms.ts';

/** English texts of forms and card layout (cancel buttons, sections, form hints) (same keys as `nl-forms.ts`). */
export const enForms: Record<keyof typeof nlForms, string> = {
  'forms.cancelled.title': "Cancelled",
  'forms.cancelled.text': "The form was closed. Nothing was saved.",
  'forms.cancelled.short': "Cancelled: the form was closed and nothing was saved.",
  'forms.collapsed': "{label}: choose or change",
  'forms.cancel.notOpen': "This form was already sent or closed, or it belongs to someone else. Nothing was changed.",
};
