/**
 * A `tel:` URI for a phone number as people write it in the directory: "030 - 123 45 67",
 * "+31 (0)30 1234567", "0031 30 123 4567", "(030) 123 45 67", "112". Dutch numbers become
 * international (+31…), the "(0)" after a country code is dropped. Anything that is not a phone
 * number (letters, too few or too many digits) gives undefined, so the text stays without link.
 */
export function phoneUri(phone: string): string | undefined {
  const text = phone.trim();
  // Only digits, spaces, dots, dashes, slashes, brackets and one leading "+" (no extension words).
  if (!/^\+?[\d\s().\/-]+$/.test(text)) return undefined;
  let digits = text.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  else if (/^0[1-9]/.test(digits)) digits = `+31${digits.slice(1)}`;
  if (digits.startsWith('+')) {
    const national = digits.slice(1);
    // E.164: a country code and at most 15 digits in all; a Dutch number has 9 digits after +31
    // (0800/0900 numbers 7 to 10).
    if (national.startsWith('31') && !/^31\d{7,10}$/.test(national)) return undefined;
    return /^[1-9]\d{7,14}$/.test(national) ? `tel:+${national}` : undefined;
  }
  // Short numbers (112, 14 030, 0800/0900 numbers already became +31): dialled as written.
  return /^\d{3,6}$/.test(digits) ? `tel:${digits}` : undefined;
}

/** A `mailto:` URI for an e-mail address from the directory; undefined when it does not look like one. */
export function mailUri(email: string): string | undefined {
  const text = email.trim();
  // Letters, digits and the usual punctuation of addresses; no "?" (mailto headers), no spaces or brackets.
  return /^[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u.test(text) ? `mailto:${text}` : undefined;
}
