import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import { passOnTargets } from '../../core/domain/incidents/pass-on.ts';
import { choiceOf, parsePassOn } from '../../dialogs/incident-pass-on.ts';

/** The typed pass-on command as people type it (Dutch with typos, English), and what it is not. */

const DIRECTORY = JSON.parse(readFileSync(new URL('../../data/demo-directory.json', import.meta.url), 'utf8')) as DirectoryDocument;

describe('parsePassOn', () => {
  it.each<[string, { id?: string; target?: string }]>([
    ['doorzetten naar leverancier INC-2026-0001', { id: 'inc-2026-0001', target: 'leverancier' }],
    ['Doorzetten naar de leverancier', { target: 'leverancier' }],
    ['INC-2026-12 doorzetten naar RivierenNet', { id: 'inc-2026-12', target: 'rivierennet' }],
    ['zet inc-2026-0001 door naar onze gtk', { id: 'inc-2026-0001', target: 'gtk' }],
    ['doorsturen naar leveranceir', { target: 'leveranceir' }],
    ['doorzetten', {}],
    ['pass on to supplier INC-2026-0001', { id: 'inc-2026-0001', target: 'supplier' }],
    ['pass INC-2026-0001 on to the GtK service provider', { id: 'inc-2026-0001', target: 'gtk service provider' }],
    ['hand over to our supplier', { target: 'supplier' }],
  ])('%j → %j', (said, expected) => {
    expect(parsePassOn(said)).toEqual(expected);
  });

  it.each(['meld storing', 'incident INC-2026-0001', 'wie beheert Vroedsoft XIS?', 'zet de computer uit', 'doorzetten is lastig bij ons', 'pass'])('%j is no pass-on command', (said) => {
    expect(parsePassOn(said)).toBeUndefined();
  });
});

describe('choiceOf', () => {
  const targets = passOnTargets(DIRECTORY, { coordinatorId: 'org-vp-de-meander', applicationIds: ['app-vroedsoft-xis'] });

  it.each<[string, unknown]>([
    ['leverancier', { kind: 'supplier' }],
    ['leveranceir', { kind: 'supplier' }],
    ['supplier', { kind: 'supplier' }],
    ['gtk', { kind: 'gtk' }],
    ['gtk-dienstverlener', { kind: 'gtk' }],
    ['gtk dienstverlenr', { kind: 'gtk' }],
    ['gtk service provider', { kind: 'gtk' }],
    ['vroedsoft', { organisationId: 'org-lev-vroedsoft' }],
    ['rivierennet', { organisationId: 'org-gtk-rivierennet' }],
    ['medicura', undefined],
    ['x', undefined],
  ])('%j → %j', (target, expected) => {
    expect(choiceOf(target, targets, DIRECTORY)).toEqual(expected);
  });
});
