import type { nlForms } from './nl-forms.ts';

/** English texts of forms and card layout (cancel buttons, sections, form hints) (same keys as `nl-forms.ts`). */
export const enForms: Record<keyof typeof nlForms, string> = {
};
