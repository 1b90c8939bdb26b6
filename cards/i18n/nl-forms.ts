/**
 * Dutch texts of forms and card layout (cancel buttons, sections, form hints). Spread into `nl.ts`; `en-forms.ts` has the same keys.
 */
export const nlForms = {
} as const;
