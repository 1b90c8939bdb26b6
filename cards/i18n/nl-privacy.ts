/**
 * Dutch texts of the patient-data guard beyond incidents: contact details, invitations, and the
 * warning about patient details (a name or a date of birth). Spread into `nl.ts`; `en-privacy.ts`
 * has the same keys.
 */
export const nlPrivacy = {
  'access.bsn': "{field}: dit lijkt een burgerservicenummer (negen cijfers die de elfproef doorstaan). Contactgegevens gaan over collega's, niet over patiënten: haal het nummer weg. Er is niets opgeslagen.",
  'privacy.patient.field': "Dit lijkt op patiëntgegevens (een naam of geboortedatum).",
  'privacy.patient.warning': "Dit lijkt op patiëntgegevens (een naam of geboortedatum) in {fields}. Haal het weg, of bevestig dat het geen patiëntgegevens zijn.",
  'privacy.patient.confirm': "Dit zijn geen patiëntgegevens",
  'privacy.patient.fieldName': "'{field}'",
  'privacy.email.open': "Open het in de chat met Ketenbot (Teams of Slack): typ \"incident {id}\".",
  'privacy.patient.and': "en",
} as const;
