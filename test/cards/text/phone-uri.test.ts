import { describe, expect, it } from 'vitest';
import { fitText, restAfter } from '../../../cards/text/fit-text.ts';
import { mailUri, phoneUri } from '../../../cards/text/phone-uri.ts';

describe('phoneUri: a tel: link for a phone number as the directory writes it', () => {
  it.each([
    ['030 - 123 45 67', 'tel:+31301234567'],
    ['+31 (0)30 1234567', 'tel:+31301234567'],
    ['(030) 123 45 67', 'tel:+31301234567'],
    ['0031 30 123 4567', 'tel:+31301234567'],
    ['+31 20 555 0118', 'tel:+31205550118'],
    ['06-12345678', 'tel:+31612345678'],
    ['0800-0123', 'tel:+318000123'],
    ['+32 2 123 45 67', 'tel:+3221234567'],
    ['112', 'tel:112'],
  ])('%s → %s', (phone, uri) => {
    expect(phoneUri(phone)).toBe(uri);
  });

  it.each([
    'bel de servicedesk', '030-1234567 toestel 12', '030 12', '+31 30 123 45 67 89 10', 'javascript:alert(1)', '', '+0 30 1234567',
  ])('no link for %j', (text) => {
    expect(phoneUri(text)).toBeUndefined();
  });
});

describe('mailUri', () => {
  it('links a plain address and nothing that is not one', () => {
    expect(mailUri(' servicedesk@rivierennet.example ')).toBe('mailto:servicedesk@rivierennet.example');
    for (const text of ['geen adres', 'a@b', 'x@y.nl?subject=hoi', '<a@b.nl>', 'a@b.nl, c@d.nl']) expect(mailUri(text), text).toBeUndefined();
  });
});

describe('fitText: a label cut at a word', () => {
  it('keeps a text that fits, and cuts a longer one after its last whole word with "…"', () => {
    expect(fitText('Mogelijk datalek', 75)).toBe('Mogelijk datalek');
    const long = 'Het regionale uitwisselplatform geeft een foutmelding bij het versturen van een overdracht';
    const shown = fitText(long, 75);
    expect(shown).toBe('Het regionale uitwisselplatform geeft een foutmelding bij het versturen…');
    expect(restAfter(long, shown)).toBe('van een overdracht');
  });

  it('drops a dangling dash or comma before the "…", and cuts hard only a text without spaces', () => {
    expect(fitText('Inloggen, computer of eigen systeem – wachtwoord', 38)).toBe('Inloggen, computer of eigen systeem…');
    expect(fitText('x'.repeat(100), 75)).toBe(`${'x'.repeat(74)}…`);
    expect(fitText('👍'.repeat(50), 75)).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});
