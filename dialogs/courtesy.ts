/**
 * What people type around a command: "hoi, ik heb een probleem", "oeps andere organisatie",
 * "ik heb een probleem, help". Stripped from both ends of normalized text before a command phrase is
 * compared, so the phrase is recognised and nothing else is.
 */
const LEADING = new Set([
  'hoi', 'hallo', 'hey', 'hee', 'hi', 'hello', 'goedemorgen', 'goedemiddag', 'goedenavond', 'morgen', 'dag', 'beste',
  'ketenbot', 'bot', 'oeps', 'oops', 'sorry', 'oh', 'ok', 'oke', 'okay', 'nou', 'ja', 'yes', 'zeg', 'eh', 'uh', 'uhm',
]);
const TRAILING = new Set(['alsjeblieft', 'alstublieft', 'aub', 'graag', 'please', 'pls', 'help', 'thanks', 'bedankt', 'dank', 'svp']);

export function withoutCourtesy(normalized: string): string {
  const words = normalized.split(' ');
  let start = 0;
  let end = words.length;
  while (start < end - 1 && LEADING.has(words[start]!)) start++;
  while (end > start + 1 && TRAILING.has(words[end - 1]!)) end--;
  return words.slice(start, end).join(' ');
}
