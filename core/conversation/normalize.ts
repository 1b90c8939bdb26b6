/**
 * Text as the bot compares it: lower case, diacritics folded (é → e), punctuation to spaces,
 * white space collapsed. "Wie beheert RivierenNet?" → "wie beheert rivierennet".
 */
export function normalizeText(text: string | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@#:\-_.\s]/gu, ' ')
    .replace(/[.:]+(\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
