import { describe, expect, it } from 'vitest';
import { parsePassOn } from '../../dialogs/incident-pass-on.ts';

/** Ordinary sentences about forwarding messages are not the pass-on command (found by review). */
describe('the pass-on command does not take over ordinary sentences', () => {
  it.each([
    'doorsturen naar de huisarts lukt niet',
    'doorsturen naar de kraamzorg lukt niet',
    'stuur door naar de verloskundige werkt niet meer',
    'hand over to the midwife failed',
    'pass on to the next shift please, the viewer is empty again',
  ])('%j → not a command', (text) => {
    expect(parsePassOn(text)).toBeUndefined();
  });

  it.each([
    ['doorzetten naar leverancier INC-2026-0001', { id: 'inc-2026-0001', target: 'leverancier' }],
    ['doorsturen naar de leverancier', { target: 'leverancier' }],
    ['stuur INC-2026-1 door naar de gtk', { id: 'inc-2026-1', target: 'gtk' }],
    ['doorzetten naar Vroedsoft', { target: 'vroedsoft' }],
    ['doorzetten', {}],
    ['hand over to the supplier', { target: 'supplier' }],
    ['pass on to supplier inc-2026-1', { id: 'inc-2026-1', target: 'supplier' }],
  ] as const)('%j → the command', (text, expected) => {
    expect(parsePassOn(text)).toEqual(expected);
  });
});
