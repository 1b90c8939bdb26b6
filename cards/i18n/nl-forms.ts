/**
 * Dutch texts of forms and card layout (cancel buttons, sections, form hints). Spread into `nl.ts`; `en-forms.ts` has the same keys.
 */
export const nlForms = {
  'forms.cancelled.title': "Geannuleerd",
  'forms.cancelled.text': "Het formulier is gesloten. Er is niets opgeslagen.",
  'forms.cancelled.short': "Geannuleerd: het formulier is gesloten en er is niets opgeslagen.",
  'forms.collapsed': "{label}: kiezen of wijzigen",
  'forms.cancel.notOpen': "Dit formulier is al verstuurd of gesloten, of het is van iemand anders. Er is niets veranderd.",
} as const;
