import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTreeProblem, validateTree, type TreeProblem } from '../../../../core/domain/decision-tree/validate-tree.ts';
import type { DirectoryDocument } from '../../../../core/domain/directory/types.ts';

/**
 * What `ketenbot tree check` / `tree publish` tell an administrator about a broken tree: every
 * problem names the node, how it is reached from the root ("start → tip → x", or that it is not
 * reachable) and what is wrong, precisely enough to find and fix it in the file.
 */

const demo = JSON.parse(readFileSync(new URL('../../../../data/demo-directory.json', import.meta.url), 'utf8')) as DirectoryDocument;

const text = (nl: string, en = `${nl} (en)`) => ({ nl, en });
type Json = Record<string, any>;

/**
 * A small valid tree using every kind of node:
 *   start ─┬─ "app"  → app (application) ─ next → supplier  / don't know → helpdesk
 *          ├─ "org"  → org (organisation) ─ next → other     / don't know → helpdesk
 *          └─ "tip"  → tip (advice) ─ next → helpdesk
 */
function baseTree(): Json {
  return {
    version: '2026.12.1',
    root: 'start',
    nodes: [
      { id: 'start', kind: 'question', text: text('Waar gaat het over?'), hint: text('Kies er een'), choices: [
        { label: text('Een systeem'), synonyms: ['systeem'], next: 'app' },
        { label: text('Een andere zorgaanbieder'), next: 'org' },
        { label: text('Iets anders'), next: 'tip' },
      ] },
      { id: 'app', kind: 'application', text: text('Welk systeem?'), next: 'supplier', unknownNext: 'helpdesk' },
      { id: 'org', kind: 'organisation', text: text('Welke zorgaanbieder?'), organisationKinds: ['care-provider'], next: 'other', unknownNext: 'helpdesk' },
      { id: 'tip', kind: 'advice', text: text('Probeer eerst dit'), checks: [text('Herstart')], continueLabel: text('Dit hielp niet'), next: 'helpdesk' },
      { id: 'supplier', kind: 'outcome', title: text('Leverancier'), text: text('Meld het bij de leverancier'), desks: [{ desk: { rule: 'own-supplier' }, role: text('Leverancier') }], prepare: [text('Foutmelding')] },
      { id: 'other', kind: 'outcome', title: text('Andere zorgaanbieder'), text: text('Meld het daar'), warning: text('Geen patiëntgegevens'), desks: [{ desk: { rule: 'chosen-organisation' }, role: text('Servicedesk') }], prepare: [text('Wat ontbreekt')] },
      { id: 'helpdesk', kind: 'outcome', title: text('Eigen helpdesk'), text: text('Meld het bij uw helpdesk'), desks: [{ desk: { rule: 'own-helpdesk' }, role: text('Meld het bij') }], prepare: [text('Wat u deed')] },
    ],
  };
}

const nodeOf = (tree: Json, id: string): Json => {
  const found = (tree.nodes as Json[]).find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};

function problemsOf(tree: unknown, directory?: DirectoryDocument): TreeProblem[] {
  const result = validateTree(tree, directory);
  return 'problems' in result ? result.problems : [];
}

/** A tree changed by `change` (on a fresh copy of the base tree). */
const broken = (change: (t: Json) => void): Json => {
  const t = baseTree();
  change(t);
  return t;
};

const withoutOrganisation = (kind: string): DirectoryDocument => ({ ...demo, organisations: demo.organisations.filter((o) => o.kind !== kind) });

describe('a valid tree', () => {
  it('passes, with and without a directory, and comes back as the tree', () => {
    const tree = baseTree();
    expect(validateTree(tree)).toEqual({ tree });
    expect(validateTree(tree, demo)).toEqual({ tree });
  });
});

/** [what is broken, the broken tree, the directory, the problems the administrator is told (exactly)]. */
const CASES: Array<[string, Json, DirectoryDocument | undefined, TreeProblem[]]> = [
  [
    'a choice leads to an unknown node (and the node it should have led to is now unreachable)',
    broken((t) => { nodeOf(t, 'start').choices[2].next = 'tipp'; }),
    undefined,
    [
      { nodeId: 'start', path: 'start', message: 'choices[2].next leads to unknown node "tipp"' },
      { nodeId: 'tip', path: 'not reachable from the root', message: 'is not reachable from the root' },
    ],
  ],
  [
    "an application node's unknownNext leads to an unknown node",
    broken((t) => { nodeOf(t, 'app').unknownNext = 'hulp'; }),
    undefined,
    [{ nodeId: 'app', path: 'start → app', message: 'unknownNext leads to unknown node "hulp"' }],
  ],
  [
    'a node nothing leads to',
    broken((t) => { t.nodes.push({ ...nodeOf(t, 'helpdesk'), id: 'orphan' }); }),
    undefined,
    [{ nodeId: 'orphan', path: 'not reachable from the root', message: 'is not reachable from the root' }],
  ],
  [
    'a cycle: the advice leads back to the first question (the problem names the cycle)',
    broken((t) => { nodeOf(t, 'tip').next = 'start'; }),
    undefined,
    [{ nodeId: 'start', path: 'start', message: 'is part of a cycle: start → tip → start' }],
  ],
  [
    'a longer cycle between two questions below the root',
    broken((t) => {
      nodeOf(t, 'start').choices[2].next = 'q1';
      t.nodes.push(
        { id: 'q1', kind: 'question', text: text('Een'), choices: [{ label: text('naar twee'), next: 'q2' }] },
        { id: 'q2', kind: 'question', text: text('Twee'), choices: [{ label: text('terug naar een'), next: 'q1' }, { label: text('tip'), next: 'tip' }] },
      );
    }),
    undefined,
    [{ nodeId: 'q1', path: 'start → q1', message: 'is part of a cycle: q1 → q2 → q1' }],
  ],
  [
    'a question without choices (a dead end)',
    broken((t) => {
      nodeOf(t, 'tip').next = 'dead';
      t.nodes.push({ id: 'dead', kind: 'question', text: text('En nu?'), choices: [] });
    }),
    undefined,
    [{ nodeId: 'dead', path: 'start → tip → dead', message: 'a question needs at least one choice (a dead end otherwise)' }],
  ],
  [
    'advice without next (a dead end)',
    broken((t) => { delete nodeOf(t, 'tip').next; }),
    undefined,
    [{ nodeId: 'tip', path: 'start → tip', message: 'next must name the next node (a dead end otherwise)' }],
  ],
  [
    'an outcome without desks',
    broken((t) => { nodeOf(t, 'helpdesk').desks = []; }),
    undefined,
    [{ nodeId: 'helpdesk', path: 'start → app → helpdesk', message: 'an outcome needs at least one desk' }],
  ],
  [
    'an outcome without anything to prepare',
    broken((t) => { nodeOf(t, 'helpdesk').prepare = []; }),
    undefined,
    [{ nodeId: 'helpdesk', path: 'start → app → helpdesk', message: 'an outcome needs at least one "prepare" item (what to have at hand)' }],
  ],
  [
    'an unknown desk rule',
    broken((t) => { nodeOf(t, 'helpdesk').desks[0].desk = { rule: 'own-servicedesk' }; }),
    undefined,
    [{ nodeId: 'helpdesk', path: 'start → app → helpdesk', message: expect.stringMatching(/^desks\[0\]\.desk\.rule must be one of own-helpdesk, own-supplier, /) as unknown as string }],
  ],
  [
    'an unknown kind of node',
    broken((t) => { nodeOf(t, 'tip').kind = 'tip'; }),
    undefined,
    [
      { nodeId: 'tip', path: 'start → tip', message: 'kind must be one of question, application, organisation, advice, outcome' },
    ],
  ],
  [
    'the root names no node (every node is then unreachable)',
    broken((t) => { t.root = 'begin'; }),
    undefined,
    [
      { nodeId: 'begin', path: '-', message: 'root "begin" is not a node' },
      ...['start', 'app', 'org', 'tip', 'supplier', 'other', 'helpdesk'].map((id) => ({ nodeId: id, path: 'not reachable from the root', message: 'is not reachable from the root' })),
    ],
  ],
  [
    'no version',
    broken((t) => { delete t.version; }),
    undefined,
    [{ nodeId: '-', path: '-', message: 'version is required (e.g. "2026.11.1")' }],
  ],
  [
    'no nodes',
    broken((t) => { t.nodes = []; }),
    undefined,
    [{ nodeId: '-', path: '-', message: 'nodes must be a non-empty list' }],
  ],
  [
    'a desk for a fixed organisation the directory does not have',
    broken((t) => { nodeOf(t, 'helpdesk').desks.push({ desk: { rule: 'organisation', organisationId: 'org-bestaat-niet' }, role: text('Of bij') }); }),
    demo,
    [{ nodeId: 'helpdesk', path: 'start → app → helpdesk', message: 'desks[1].desk: unknown organisation "org-bestaat-niet"' }],
  ],
  [
    'a desk for a fixed organisation without its id',
    broken((t) => { nodeOf(t, 'helpdesk').desks[0].desk = { rule: 'organisation' }; }),
    demo,
    [{ nodeId: 'helpdesk', path: 'start → app → helpdesk', message: 'desks[0].desk.organisationId is required' }],
  ],
  [
    'the supplier of a fixed application the directory does not have',
    broken((t) => { nodeOf(t, 'supplier').desks[0].desk = { rule: 'own-supplier', application: 'app-bestaat-niet' }; }),
    demo,
    [{ nodeId: 'supplier', path: 'start → app → supplier', message: 'desks[0].desk.application: unknown application "app-bestaat-niet"' }],
  ],
  [
    'a desk by application (own-supplier) reachable without an application question',
    broken((t) => { nodeOf(t, 'start').choices[2].next = 'supplier'; }),
    undefined,
    [
      { nodeId: 'tip', path: 'not reachable from the root', message: 'is not reachable from the root' },
      { nodeId: 'supplier', path: 'start → supplier', message: 'names a desk by application, but can be reached without choosing one (put an application question before it, or name the application)' },
    ],
  ],
  [
    "a desk by application reached through the application question's \"don't know\" branch",
    broken((t) => {
      nodeOf(t, 'app').unknownNext = 'admin';
      t.nodes.push({ id: 'admin', kind: 'outcome', title: text('Beheerder'), text: text('De beheerder'), desks: [{ desk: { rule: 'application-administrator' }, role: text('Beheerder') }], prepare: [text('Wat')] });
    }),
    undefined,
    [{ nodeId: 'admin', path: 'start → app → admin', message: 'names a desk by application, but can be reached without choosing one (put an application question before it, or name the application)' }],
  ],
  [
    'the chosen organisation reachable without an organisation question',
    broken((t) => { nodeOf(t, 'tip').next = 'other'; }),
    undefined,
    [{ nodeId: 'other', path: 'start → org → other', message: 'names the chosen organisation, but can be reached without choosing one (put an organisation question before it)' }],
  ],
  [
    "the chosen organisation reached through the organisation question's \"don't know\" branch",
    broken((t) => { nodeOf(t, 'org').unknownNext = 'other'; }),
    undefined,
    [{ nodeId: 'other', path: 'start → org → other', message: 'names the chosen organisation, but can be reached without choosing one (put an organisation question before it)' }],
  ],
  [
    'a national-helpdesk desk while the directory has no national helpdesk',
    broken((t) => { nodeOf(t, 'helpdesk').desks.push({ desk: { rule: 'national-helpdesk' }, role: text('Landelijk') }); }),
    withoutOrganisation('national-helpdesk'),
    [{ nodeId: 'helpdesk', path: 'start → app → helpdesk', message: 'desks[1]: the directory has no national-helpdesk organisation to resolve "national-helpdesk"' }],
  ],
  [
    'a chain-coordination desk while the directory has no national coordination',
    broken((t) => { nodeOf(t, 'helpdesk').desks[0].desk = { rule: 'chain-coordination' }; }),
    withoutOrganisation('national-coordination'),
    [{ nodeId: 'helpdesk', path: 'start → app → helpdesk', message: 'desks[0]: the directory has no national-coordination organisation to resolve "chain-coordination"' }],
  ],
];

describe('a broken tree: every problem names the node, its path from the root and what is wrong', () => {
  it.each(CASES)('%s', (_name, tree, directory, expected) => {
    expect(problemsOf(tree, directory)).toEqual(expected);
  });
});

describe('texts: a missing or empty translation names the exact field', () => {
  const FIELDS: Array<[string, (t: Json) => Json, string, string]> = [
    ['question text', (t) => nodeOf(t, 'start').text, 'start', 'text.en'],
    ['question hint', (t) => nodeOf(t, 'start').hint, 'start', 'hint.en'],
    ['choice label', (t) => nodeOf(t, 'start').choices[1].label, 'start', 'choices[1].label.en'],
    ['application question text', (t) => nodeOf(t, 'app').text, 'app', 'text.en'],
    ['organisation question text', (t) => nodeOf(t, 'org').text, 'org', 'text.en'],
    ['advice check', (t) => nodeOf(t, 'tip').checks[0], 'tip', 'checks[0].en'],
    ['advice button', (t) => nodeOf(t, 'tip').continueLabel, 'tip', 'continueLabel.en'],
    ['outcome title', (t) => nodeOf(t, 'other').title, 'other', 'title.en'],
    ['outcome text', (t) => nodeOf(t, 'other').text, 'other', 'text.en'],
    ['outcome warning', (t) => nodeOf(t, 'other').warning, 'other', 'warning.en'],
    ['desk role', (t) => nodeOf(t, 'other').desks[0].role, 'other', 'desks[0].role.en'],
    ['prepare item', (t) => nodeOf(t, 'other').prepare[0], 'other', 'prepare[0].en'],
  ];
  const PATHS: Record<string, string> = { start: 'start', app: 'start → app', org: 'start → org', tip: 'start → tip', other: 'start → org → other' };

  it.each(FIELDS)('%s without English → "%s: %s is missing or empty"', (_name, at, nodeId, field) => {
    const missing = broken((t) => { delete at(t).en; });
    expect(problemsOf(missing)).toEqual([{ nodeId, path: PATHS[nodeId], message: `${field} is missing or empty` }]);
    const blank = broken((t) => { at(t).en = '   '; });
    expect(problemsOf(blank)).toEqual([{ nodeId, path: PATHS[nodeId], message: `${field} is missing or empty` }]);
  });

  it('missing Dutch is reported the same way', () => {
    expect(problemsOf(broken((t) => { delete nodeOf(t, 'tip').checks[0].nl; }))).toEqual([
      { nodeId: 'tip', path: 'start → tip', message: 'checks[0].nl is missing or empty' },
    ]);
  });

  it('a text that is a plain string instead of both languages', () => {
    expect(problemsOf(broken((t) => { nodeOf(t, 'helpdesk').title = 'Eigen helpdesk'; }))).toEqual([
      { nodeId: 'helpdesk', path: 'start → app → helpdesk', message: 'title must have "nl" and "en" texts' },
    ]);
  });
});

describe('what only the directory can tell', () => {
  it('without a directory, organisation and application ids are not checked (only the shape)', () => {
    const tree = broken((t) => {
      nodeOf(t, 'helpdesk').desks.push({ desk: { rule: 'organisation', organisationId: 'org-bestaat-niet' }, role: text('Of') });
      nodeOf(t, 'supplier').desks[0].desk = { rule: 'own-supplier', application: 'app-bestaat-niet' };
    });
    expect(problemsOf(tree)).toEqual([]);
    expect(problemsOf(tree, demo).map((p) => p.nodeId).sort()).toEqual(['helpdesk', 'supplier']);
  });

  it('a desk by a named application may be reached without an application question', () => {
    const tree = broken((t) => {
      nodeOf(t, 'start').choices[2].next = 'medicura';
      t.nodes = t.nodes.filter((n: Json) => n.id !== 'tip');
      t.nodes.push({ id: 'medicura', kind: 'outcome', title: text('Medicura'), text: text('Bel Medicura'), desks: [{ desk: { rule: 'own-supplier', application: 'app-medicura-epd' }, role: text('Leverancier') }], prepare: [text('Wat')] });
    });
    expect(problemsOf(tree, demo)).toEqual([]);
  });

  it('the demo directory resolves every rule of the base tree plus RSO, national and chain desks', () => {
    const tree = broken((t) => {
      nodeOf(t, 'helpdesk').desks.push(
        { desk: { rule: 'rso-of-region' }, role: text('RSO') },
        { desk: { rule: 'national-helpdesk' }, role: text('Landelijk') },
        { desk: { rule: 'chain-coordination' }, role: text('Ketenregie') },
        { desk: { rule: 'responsible-administrator' }, role: text('Beheerder') },
      );
    });
    expect(problemsOf(tree, demo)).toEqual([]);
  });

  it('"rso-of-region" falls back to the national helpdesk where a region has no RSO: a directory without one is refused', () => {
    // Verloskundigenpraktijk Helmgras (Noordkust) has no RSO in the demo directory: resolveDesk then shows the
    // national helpdesk ("no-rso-in-region"). Without a national helpdesk that outcome shows no desk at all.
    const tree = broken((t) => { nodeOf(t, 'helpdesk').desks.push({ desk: { rule: 'rso-of-region' }, role: text('RSO') }); });
    const noNational = withoutOrganisation('national-helpdesk');
    expect(noNational.organisations.some((o) => o.kind === 'rso')).toBe(true);
    expect(noNational.organisations.some((o) => o.kind === 'care-provider' && o.region === 'Noordkust')).toBe(true);
    expect(problemsOf(tree, noNational)).toEqual([
      expect.objectContaining({ nodeId: 'helpdesk', path: 'start → app → helpdesk', message: expect.stringContaining('national-helpdesk') }),
    ]);
  });

  it('"rso-of-region" with no RSO anywhere but a national helpdesk resolves for everyone (the fallback), so it is accepted', () => {
    // resolveDesk gives every user the national helpdesk with the note "no-rso-in-region"; nothing is unresolvable.
    const tree = broken((t) => { nodeOf(t, 'helpdesk').desks.push({ desk: { rule: 'rso-of-region' }, role: text('RSO') }); });
    expect(problemsOf(tree, withoutOrganisation('rso'))).toEqual([]);
  });
});

describe('kinds the published schema allows, and only those', () => {
  it('a misspelt application kind is a problem (the question would otherwise offer no application at all)', () => {
    const tree = broken((t) => { nodeOf(t, 'app').applicationKinds = ['source-sytem']; });
    expect(problemsOf(tree, demo)).toEqual([
      expect.objectContaining({ nodeId: 'app', path: 'start → app', message: expect.stringContaining('source-sytem') }),
    ]);
  });

  it('a misspelt organisation kind is a problem (the question would otherwise offer no organisation at all)', () => {
    const tree = broken((t) => { nodeOf(t, 'org').organisationKinds = ['care-providers']; });
    expect(problemsOf(tree, demo)).toEqual([
      expect.objectContaining({ nodeId: 'org', path: 'start → org', message: expect.stringContaining('care-providers') }),
    ]);
  });
});

describe('duplicate ids', () => {
  it('a second node with an id already used is reported, naming the id and its path', () => {
    const tree = broken((t) => { t.nodes.push({ ...nodeOf(t, 'helpdesk'), title: text('Nog een helpdesk') }); });
    expect(problemsOf(tree)).toEqual([{ nodeId: 'helpdesk', path: 'start → app → helpdesk', message: 'duplicate node id' }]);
  });
});

describe('several problems at once', () => {
  it('are all reported together, in one answer (not one per try)', () => {
    const tree = broken((t) => {
      nodeOf(t, 'start').choices[0].label.en = '';
      delete nodeOf(t, 'tip').next;
      t.nodes.push({ ...structuredClone(nodeOf(t, 'helpdesk')), id: 'orphan' });
      nodeOf(t, 'helpdesk').desks.push({ desk: { rule: 'organisation', organisationId: 'org-weg' }, role: text('Of') });
    });
    const problems = problemsOf(tree, demo);
    expect(problems).toEqual(
      expect.arrayContaining([
        { nodeId: 'start', path: 'start', message: 'choices[0].label.en is missing or empty' },
        { nodeId: 'tip', path: 'start → tip', message: 'next must name the next node (a dead end otherwise)' },
        { nodeId: 'orphan', path: 'not reachable from the root', message: 'is not reachable from the root' },
        { nodeId: 'helpdesk', path: 'start → app → helpdesk', message: 'desks[1].desk: unknown organisation "org-weg"' },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('formatTreeProblem makes one readable line per problem', () => {
    expect(formatTreeProblem({ nodeId: 'tip', path: 'start → tip', message: 'next must name the next node (a dead end otherwise)' })).toBe(
      'node "tip" (start → tip): next must name the next node (a dead end otherwise)',
    );
  });
});

describe('input that is not a tree at all', () => {
  it.each([[null], [undefined], [[]], ['{"version":"1"}'], [42], [true]])('%j → one problem saying what a tree is', (input) => {
    expect(problemsOf(input)).toEqual([{ nodeId: '-', path: '-', message: 'the tree must be a JSON object with version, root and nodes' }]);
  });

  it('nodes that are not objects are named by position', () => {
    const problems = problemsOf({ version: '1', root: 'start', nodes: [...baseTree().nodes, 'oeps'] });
    expect(problems).toContainEqual(expect.objectContaining({ nodeId: 'nodes[7]' }));
  });
});

describe('servicedesk wording, descriptions and short labels (issue 16)', () => {
  it('a tree with every optional field filled passes', () => {
    const full = broken((t) => {
      nodeOf(t, 'start').hintForDesk = text('Kies wat bij de melding past');
      nodeOf(t, 'start').choices[0].description = text('Een XIS, EPD of platform');
      nodeOf(t, 'tip').checksForDesk = [text('Kijk of meer zorgaanbieders het melden')];
      nodeOf(t, 'other').textForDesk = text('Neem zelf contact op');
      nodeOf(t, 'other').prepareForDesk = [text('Welke organisaties geraakt zijn')];
      nodeOf(t, 'other').desks[0].roleForDesk = text('Servicedesk van de andere partij');
    });
    expect(problemsOf(full, demo)).toEqual([]);
  });

  const CASES: Array<[string, (t: Json) => void, string, string, string]> = [
    ['a choice label longer than 40 characters', (t) => { nodeOf(t, 'start').choices[1].label = text('Gegevens van een andere zorgaanbieder kloppen niet', 'Data from another provider'); }, 'start', 'start',
      'choices[1].label.nl is 50 characters; keep it at most 40 and put the explanation in "description"'],
    ['a description without English', (t) => { nodeOf(t, 'start').choices[0].description = { nl: 'Een XIS of EPD' }; }, 'start', 'start', 'choices[0].description.en is missing or empty'],
    ['a hint for servicedesk staff without Dutch', (t) => { nodeOf(t, 'start').hintForDesk = { en: 'Choose' }; }, 'start', 'start', 'hintForDesk.nl is missing or empty'],
    ['servicedesk checks that are not a list', (t) => { nodeOf(t, 'tip').checksForDesk = text('Kijk'); }, 'tip', 'start → tip', 'checksForDesk must be a non-empty list of texts (or left out)'],
    ['an empty list of servicedesk checks', (t) => { nodeOf(t, 'tip').checksForDesk = []; }, 'tip', 'start → tip', 'checksForDesk must be a non-empty list of texts (or left out)'],
    ['a servicedesk check without English', (t) => { nodeOf(t, 'tip').checksForDesk = [text('Kijk'), { nl: 'Bel' }]; }, 'tip', 'start → tip', 'checksForDesk[1].en is missing or empty'],
    ['an outcome text for servicedesk staff without English', (t) => { nodeOf(t, 'other').textForDesk = { nl: 'Neem zelf contact op', en: ' ' }; }, 'other', 'start → org → other', 'textForDesk.en is missing or empty'],
    ['a servicedesk prepare item as plain text', (t) => { nodeOf(t, 'other').prepareForDesk = ['Welke organisaties']; }, 'other', 'start → org → other', 'prepareForDesk[0] must have "nl" and "en" texts'],
    ['a servicedesk desk role without Dutch', (t) => { nodeOf(t, 'other').desks[0].roleForDesk = { en: 'Service desk' }; }, 'other', 'start → org → other', 'desks[0].roleForDesk.nl is missing or empty'],
  ];
  it.each(CASES)('%s is a problem naming the field', (_name, change, nodeId, path, message) => {
    expect(problemsOf(broken(change), demo)).toEqual([{ nodeId, path, message }]);
  });

  it('a citizen service number in servicedesk wording is refused like anywhere else', () => {
    const problems = problemsOf(broken((t) => { nodeOf(t, 'other').textForDesk = text('Cliënt 111222333 mist gegevens'); }));
    expect(problems.map((p) => p.message)).toEqual(['textForDesk.nl contains a citizen service number (BSN) "111222333"; remove it', 'textForDesk.en contains a citizen service number (BSN) "111222333"; remove it']);
  });
});
