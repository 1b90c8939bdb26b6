import { normalizeText } from '../core/conversation/normalize.ts';
import type { DirectoryDocument } from '../core/domain/directory/types.ts';
import type { PassOnChoice, PassOnTarget } from '../core/domain/incidents/pass-on.ts';

/**
 * The typed pass-on command, in Dutch and English: "doorzetten naar leverancier INC-2026-0001",
 * "zet INC-2026-1 door naar de gtk", "INC-2026-0001 doorzetten naar Vroedsoft", "pass on to supplier
 * inc-2026-1", "pass INC-2026-0001 on to the GtK service provider". The number may be left out (the
 * flow then picks the one open incident the person can pass on, or asks).
 */

const ID = /\binc-?\d{4}-?\d{1,6}\b/;
const VERB = /^(?:incident\s+)?(?:doorzetten|doorsturen|zet\s+door|stuur\s+door|pass\s+on|hand\s+over)(?:\s+(?:naar|to)\s+(.+))?$/;
/** The words that only mean passing an incident on ("doorsturen" and "hand over" also mean forwarding a message). */
const PASS_ON_VERB = /^(?:incident\s+)?(?:doorzetten|zet\s+door|pass\s+on)\b/;
const SUPPLIER = ['leverancier', 'leveranciers', 'supplier', 'vendor'];
const GTK = ['gtk', 'gtk-dienstverlener', 'gtk dienstverlener', 'dienstverlener', 'gtk service provider', 'gtk-service provider', 'service provider', 'gtk-beheerder', 'gtk beheerder'];
const FILLER = /^(?:de|het|onze|eigen|mijn|uw|the|our|own|my)\s+/;

export interface PassOnCommand {
  /** As typed ("inc-2026-1"); the service normalises it. */
  id?: string;
  /** What follows "naar" / "to", without articles; absent when nothing was said. */
  target?: string;
}

export function parsePassOn(text: string): PassOnCommand | undefined {
  const t = normalizeText(text);
  const id = ID.exec(t)?.[0];
  const rest = (id ? t.replace(id, ' ') : t).replace(/\s+/g, ' ').trim();
  const m = VERB.exec(rest);
  if (!m) return undefined;
  let target = m[1]?.trim();
  while (target && FILLER.test(target)) target = target.replace(FILLER, '');
  // Without a number, only a clear pass-on is one: "doorsturen naar de huisarts lukt niet" is a
  // question about forwarding messages, for the knowledge base (or the tree's answer), not a command.
  if (!id && !(target ? near(target, SUPPLIER) || near(target, GTK) || (PASS_ON_VERB.test(rest) && target.split(' ').length <= 3) : PASS_ON_VERB.test(rest))) return undefined;
  return { ...(id ? { id } : {}), ...(target ? { target } : {}) };
}

/** "leverancier" / "gtk" (a typo or two allowed), or the name of one of the incident's targets. Undefined: not understood. */
export function choiceOf(target: string, targets: PassOnTarget[], directory: DirectoryDocument): PassOnChoice | undefined {
  if (near(target, SUPPLIER)) return { kind: 'supplier' };
  if (near(target, GTK)) return { kind: 'gtk' };
  const named = targets.filter((t) => {
    const name = normalizeText(directory.organisations.find((o) => o.id === t.organisationId)?.name);
    return target.length >= 3 && (name.includes(target) || name.split(' ').some((word) => word.length >= 4 && distance(word, target) <= 1));
  });
  return named.length === 1 ? { organisationId: named[0]!.organisationId } : undefined;
}

function near(word: string, words: string[]): boolean {
  return words.some((w) => w === word || (w.length >= 6 && distance(w, word) <= 2));
}

/** Levenshtein distance, for short words only (both are capped by the callers' lists and input limits). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 40 || b.length > 40) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
