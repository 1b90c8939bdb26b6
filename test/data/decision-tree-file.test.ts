import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadDefaultTree } from '../../bot/default-tree.ts';
import type { DecisionTree, OutcomeNode, Text, TreeNode } from '../../core/domain/decision-tree/types.ts';
import { validateTree } from '../../core/domain/decision-tree/validate-tree.ts';
import type { DirectoryDocument } from '../../core/domain/directory/types.ts';

/**
 * data/decision-tree.json is the tree every installation starts with. It must be valid by the
 * published JSON Schema and by `ketenbot tree check` (against the demo directory), speak both
 * languages everywhere, and lead to the right desk for every path a problem can take (DOMAIN.md,
 * "The path of a problem").
 */

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const file = read('data/decision-tree.json') as DecisionTree;
const schema = read('data/decision-tree.schema.json') as Record<string, unknown>;
const directory = read('data/demo-directory.json') as DirectoryDocument;

const node = (id: string): TreeNode => {
  const found = file.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node "${id}" in data/decision-tree.json`);
  return found;
};

/** Every edge out of a node, with what the user does to take it. */
function edges(n: TreeNode): Array<{ to: string; how: string }> {
  switch (n.kind) {
    case 'question':
      return n.choices.map((c) => ({ to: c.next, how: c.label.nl }));
    case 'application':
    case 'organisation':
      return [{ to: n.next, how: `pick an ${n.kind}` }, ...(n.unknownNext ? [{ to: n.unknownNext, how: `don't know the ${n.kind}` }] : [])];
    case 'advice':
      return [{ to: n.next, how: n.continueLabel.nl }];
    case 'outcome':
      return [];
  }
}

interface Walk {
  nodes: TreeNode[];
  /** What the user picked at each step (the Dutch label). */
  steps: string[];
}

/** Every path from the root to the node (the tree has no cycles; validateTree checks that). */
function walksTo(target: string): Walk[] {
  const found: Walk[] = [];
  const visit = (n: TreeNode, walk: Walk) => {
    const here = { nodes: [...walk.nodes, n], steps: walk.steps };
    if (n.id === target) return void found.push(here);
    for (const e of edges(n)) visit(node(e.to), { nodes: here.nodes, steps: [...walk.steps, e.how] });
  };
  visit(node(file.root), { nodes: [], steps: [] });
  return found;
}

/** Every text object of a node, named by its field as validateTree names it. */
function textsOf(n: TreeNode): Array<[string, Text]> {
  const out: Array<[string, Text]> = [];
  const add = (field: string, text: Text | undefined) => text && out.push([field, text]);
  add('text', n.text);
  switch (n.kind) {
    case 'question':
      add('hint', n.hint);
      add('hintForDesk', n.hintForDesk);
      n.choices.forEach((c, i) => add(`choices[${i}].label`, c.label));
      n.choices.forEach((c, i) => add(`choices[${i}].description`, c.description));
      break;
    case 'advice':
      n.checks.forEach((c, i) => add(`checks[${i}]`, c));
      n.checksForDesk?.forEach((c, i) => add(`checksForDesk[${i}]`, c));
      add('continueLabel', n.continueLabel);
      break;
    case 'outcome':
      add('title', n.title);
      add('textForDesk', n.textForDesk);
      add('warning', n.warning);
      n.desks.forEach((d, i) => add(`desks[${i}].role`, d.role));
      n.desks.forEach((d, i) => add(`desks[${i}].roleForDesk`, d.roleForDesk));
      n.prepare.forEach((p, i) => add(`prepare[${i}]`, p));
      n.prepareForDesk?.forEach((p, i) => add(`prepareForDesk[${i}]`, p));
      break;
    default:
      break;
  }
  return out;
}

const outcomes = file.nodes.filter((n): n is OutcomeNode => n.kind === 'outcome');
const rulesOf = (o: OutcomeNode) => o.desks.map((d) => d.desk.rule);

describe('data/decision-tree.json is valid', () => {
  it('by the published JSON Schema (data/decision-tree.schema.json, draft 2020-12)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(schema);
    const ok = validate(file);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema is not a rubber stamp: a node without its English text is refused', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    const broken = structuredClone(file) as unknown as { nodes: Array<{ text: { en?: string } }> };
    delete broken.nodes[0]!.text.en;
    expect(validate(broken)).toBe(false);
  });

  it('by validateTree against the demo directory (what "ketenbot tree check" runs): no problems', () => {
    const checked = validateTree(file, directory);
    expect('problems' in checked ? checked.problems : []).toEqual([]);
  });

  it('the built-in tree the bot loads is this file', () => {
    expect(loadDefaultTree()).toEqual(file);
  });

  it('has a version in the documented form (e.g. 2026.11.1)', () => {
    expect(file.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
  });
});

describe('every text exists in Dutch and English', () => {
  const all = file.nodes.flatMap((n) => textsOf(n).map(([field, text]) => [n.id, field, text] as const));

  it('the tree has texts (sanity)', () => {
    expect(all.length).toBeGreaterThan(80);
  });

  it.each(all)('%s %s: nl and en present, not empty, and not left untranslated', (_id, _field, text) => {
    expect(Object.keys(text).sort()).toEqual(['en', 'nl']);
    expect(text.nl.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(text.en).not.toBe(text.nl);
  });

  it('every choice label fits a Slack option (75 characters), so Slack users see it whole', () => {
    // render-blocks.ts truncates option texts to Slack's limit of 75 characters.
    const tooLong = file.nodes.flatMap((n) =>
      n.kind === 'question'
        ? n.choices.flatMap((c, i) => (['nl', 'en'] as const).filter((l) => c.label[l].length > 75).map((l) => `${n.id} choices[${i}].label.${l} (${c.label[l].length}): ${c.label[l]}`))
        : [],
    );
    expect(tooLong).toEqual([]);
  });

  it('every choice label is short enough never to be cut (40 characters); explanations are in the description, which fits a Slack option description (75)', () => {
    const problems = file.nodes.flatMap((n) =>
      n.kind === 'question'
        ? n.choices.flatMap((c, i) => (['nl', 'en'] as const).flatMap((l) => [
            ...(c.label[l].length > 40 ? [`${n.id} choices[${i}].label.${l} (${c.label[l].length}): ${c.label[l]}`] : []),
            ...(c.description && c.description[l].length > 75 ? [`${n.id} choices[${i}].description.${l} (${c.description[l].length})`] : []),
          ]))
        : [],
    );
    expect(problems).toEqual([]);
  });
});

/**
 * DOMAIN.md "The path of a problem": for each path, an outcome reachable from the root by the
 * choice a user would make, naming exactly the desks the domain prescribes.
 */
const PATHS: Array<{ path: string; firstChoice: RegExp; rules: string[]; through?: 'application' | 'organisation'; warning?: boolean }> = [
  { path: 'own helpdesk (computer, log-in, own record system)', firstChoice: /computer/i, rules: ['own-helpdesk'] },
  { path: "caused by another provider's system → that provider's desk (own helpdesk as alternative)", firstChoice: /andere zorgaanbieder/i, rules: ['chosen-organisation', 'own-helpdesk'], through: 'organisation' },
  { path: 'the link with an external system → own supplier and own GtK service provider', firstChoice: /berichten/i, rules: ['own-supplier', 'own-gtk-service-provider'], through: 'application' },
  { path: 'regional viewer / exchange → RSO helpdesk', firstChoice: /regionale viewer/i, rules: ['rso-of-region'] },
  { path: 'national → Landelijke Helpdesk Digitale Zorg', firstChoice: /landelijk/i, rules: ['national-helpdesk'] },
  { path: 'data leak → supplier (processor agreement) and RSO', firstChoice: /datalek/i, rules: ['own-supplier', 'rso-of-region'], through: 'application', warning: true },
  { path: 'account, invitation, rights → responsible administrator', firstChoice: /account|uitnodiging/i, rules: ['responsible-administrator'] },
  { path: 'common facility down → Twiin chain coordination', firstChoice: /landelijk/i, rules: ['chain-coordination'] },
  { path: 'the regional viewer, national (other regions, after a national update) → the RSO helpdesk, which passes it on to the national helpdesk', firstChoice: /regionale viewer/i, rules: ['rso-of-region', 'national-helpdesk'] },
  { path: 'messages to or from one care provider → that provider\'s desk (own helpdesk as alternative)', firstChoice: /berichten/i, rules: ['chosen-organisation', 'own-helpdesk'], through: 'organisation' },
  { path: 'an exchange platform down → its GtK service provider coordinates; several GtKs → Twiin chain coordination', firstChoice: /berichten/i, rules: ['application-administrator', 'chain-coordination'], through: 'application' },
  { path: 'sent to the wrong recipient → the recipient, the supplier (processor agreement) and the RSO', firstChoice: /verkeerde ontvanger/i, rules: ['chosen-organisation', 'own-supplier', 'rso-of-region'], through: 'organisation', warning: true },
];

describe('every path of DOMAIN.md ends at the right desks', () => {
  it.each(PATHS.map((p) => [p.path, p] as const))('%s', (_path, { firstChoice, rules, through, warning }) => {
    const matching = outcomes.filter((o) => JSON.stringify(rulesOf(o)) === JSON.stringify(rules));
    expect(matching.map((o) => o.id), `an outcome with exactly the desk rules ${rules.join(' + ')}`).not.toEqual([]);
    const walks = matching.flatMap((o) => walksTo(o.id));
    expect(walks, 'reachable from the root').not.toEqual([]);
    // A user gets there by the first choice that names the topic.
    expect(walks.some((w) => firstChoice.test(w.steps[0] ?? ''))).toBe(true);
    if (through) {
      // A desk that depends on the chosen application / organisation is only reached after choosing one.
      for (const w of walks) expect(w.nodes.some((n) => n.kind === through), `${w.steps.join(' → ')} asks for the ${through}`).toBe(true);
    }
    for (const o of matching) {
      expect(o.prepare.length, `${o.id} says what to have at hand`).toBeGreaterThan(0);
      for (const d of o.desks) expect(d.role.nl.length).toBeGreaterThan(0);
    }
    if (warning) {
      for (const o of matching) {
        expect(o.warning?.nl, `${o.id} warns not to share patient data`).toMatch(/deel geen patiëntgegevens/i);
        expect(o.warning?.en).toMatch(/do not share patient data/i);
        expect(o.prepare.length).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('the data leak outcome tells to report to the supplier under the processor agreement and to inform the RSO', () => {
    const leak = outcomes.find((o) => JSON.stringify(rulesOf(o)) === JSON.stringify(['own-supplier', 'rso-of-region']))!;
    expect(leak.text.nl).toMatch(/verwerkersovereenkomst/);
    expect(leak.text.nl).toMatch(/RSO/);
    expect(leak.desks[0]!.role.nl).toMatch(/leverancier/i);
    expect(leak.desks[1]!.role.nl).toMatch(/RSO/);
    // What to prepare never asks for names: only a number of clients.
    expect(leak.prepare.map((p) => p.nl).join(' ')).toMatch(/geen namen/);
  });

  it('not knowing the system in a data leak still reaches the RSO, with the same warning', () => {
    const unknown = node('security-app');
    expect(unknown.kind).toBe('application');
    const fallback = node((unknown as { unknownNext: string }).unknownNext) as OutcomeNode;
    expect(rulesOf(fallback)).toEqual(['own-helpdesk', 'rso-of-region']);
    expect(fallback.warning?.nl).toMatch(/deel geen patiëntgegevens/i);
  });

  it('every "don\'t know" branch ends at the own helpdesk, directly or through the next "don\'t know" (never at a desk that needs the unknown answer)', () => {
    const fallbackOf = (id: string): OutcomeNode => {
      const n = node(id);
      if (n.kind === 'outcome') return n;
      expect(n.kind === 'application' || n.kind === 'organisation', `${id} after "don't know" is a picker or an outcome`).toBe(true);
      return fallbackOf((n as { unknownNext: string }).unknownNext);
    };
    for (const n of file.nodes) {
      if ((n.kind === 'application' || n.kind === 'organisation') && n.unknownNext) expect(rulesOf(fallbackOf(n.unknownNext))[0], n.id).toBe('own-helpdesk');
    }
  });

  it('the own-problem branch gives each sub-choice its own tips: a refused password gets password tips, not "restart the program"', () => {
    const own = node('own');
    if (own.kind !== 'question') throw new Error('own is a question');
    const advice = own.choices.map((c) => node(c.next));
    expect(new Set(advice.map((a) => a.id)).size).toBe(own.choices.length);
    const login = advice[own.choices.findIndex((c) => /inloggen|wachtwoord/i.test(c.label.nl))]!;
    expect(login.kind).toBe('advice');
    const tips = (login as { checks: Text[] }).checks.map((c) => c.nl).join(' ');
    expect(tips).toMatch(/wachtwoord/i);
    expect(tips).not.toMatch(/sluit het programma af/i);
  });

  it('the viewer branch asks regional or national when every client is empty, and its tips do not assume one wrong client', () => {
    const regional = node('regional');
    if (regional.kind !== 'question') throw new Error('regional is a question');
    const all = regional.choices.find((c) => /alle cliënten/i.test(c.label.nl))!;
    const advice = node(all.next);
    expect(advice.kind).toBe('advice');
    expect((advice as { checks: Text[] }).checks.map((c) => c.nl).join(' ')).not.toMatch(/juiste cliënt/i);
    const scope = node((advice as { next: string }).next);
    expect(scope.kind === 'question' && scope.choices.map((c) => c.label.nl)).toEqual(expect.arrayContaining([expect.stringMatching(/regio/i), expect.stringMatching(/landelijk/i)]));
  });

  it('outcomes that tell care staff to go through their own helpdesk have wording for servicedesk staff', () => {
    const viaHelpdesk = outcomes.filter((o) => /uw eigen helpdesk (die melding|neemt contact|kan dat ook)|meestal doet uw eigen helpdesk/i.test(o.text.nl));
    expect(viaHelpdesk.map((o) => o.id)).not.toEqual([]);
    for (const o of viaHelpdesk) {
      expect(o.textForDesk?.nl, o.id).toBeDefined();
      expect(o.textForDesk!.nl).not.toMatch(/uw eigen helpdesk/i);
    }
  });

  it('every outcome is reachable from the root', () => {
    for (const o of outcomes) expect(walksTo(o.id), o.id).not.toEqual([]);
  });
});
