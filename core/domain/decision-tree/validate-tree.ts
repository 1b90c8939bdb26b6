import { APPLICATION_KINDS, ORGANISATION_KINDS, type DirectoryDocument } from '../directory/types.ts';
import { findCitizenServiceNumbers } from '../privacy/citizen-service-number.ts';
import { DESK_RULES, type DecisionTree, type DeskRule, type TreeNode } from './types.ts';

export interface TreeProblem {
  nodeId: string;
  /** How the node is reached from the root ("root → q-login → o-helpdesk"), or why it is not. */
  path: string;
  message: string;
}

type Json = Record<string, any>;
/** The longest choice label every client shows whole (Teams and Web Chat cut radio labels; Slack at 75). */
export const MAX_LABEL = 40;
const KINDS = ['question', 'application', 'organisation', 'advice', 'outcome'];
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a decision tree before it may be used: shape, both languages complete, every reference
 * resolves, every node reachable from the root, no dead ends, no cycles, and every outcome's desk
 * resolvable against the directory. Every problem names the node and its path from the root.
 */
export function validateTree(input: unknown, directory?: DirectoryDocument): { tree: DecisionTree } | { problems: TreeProblem[] } {
  const problems: TreeProblem[] = [];
  if (!isObject(input)) return { problems: [{ nodeId: '-', path: '-', message: 'the tree must be a JSON object with version, root and nodes' }] };
  if (typeof input.version !== 'string' || !input.version.trim()) problems.push({ nodeId: '-', path: '-', message: 'version is required (e.g. "2026.11.1")' });
  if (!Array.isArray(input.nodes) || input.nodes.length === 0) return { problems: [...problems, { nodeId: '-', path: '-', message: 'nodes must be a non-empty list' }] };

  const nodes = input.nodes as Json[];
  const byId = new Map<string, Json>();
  const duplicates: Array<{ id: string; node: Json; index: number }> = [];
  nodes.forEach((n, i) => {
    const id = isObject(n) && typeof n.id === 'string' && n.id ? n.id : `nodes[${i}]`;
    if (byId.has(id)) duplicates.push({ id, node: isObject(n) ? n : {}, index: i });
    else byId.set(id, isObject(n) ? n : {});
  });
  const root = typeof input.root === 'string' ? input.root : '';
  if (!byId.has(root)) problems.push({ nodeId: root || '-', path: '-', message: `root "${root}" is not a node` });

  const paths = shortestPaths(root, byId);
  const where = (id: string) => paths.get(id) ?? 'not reachable from the root';
  const add = (id: string, message: string) => problems.push({ nodeId: id, path: where(id), message });

  for (const [id, node] of byId) {
    if (!KINDS.includes(node.kind)) { add(id, `kind must be one of ${KINDS.join(', ')}`); continue; }
    checkNode(node, (message) => add(id, message), byId, directory);
    if (!paths.has(id)) add(id, 'is not reachable from the root');
  }
  for (const { id, node, index } of duplicates) {
    add(id, 'duplicate node id');
    if (KINDS.includes(node.kind)) checkNode(node, (message) => add(id, `nodes[${index}]: ${message}`), byId, directory);
  }
  for (const cycle of findCycles(root, byId)) add(cycle[0]!, `is part of a cycle: ${cycle.join(' → ')}`);
  for (const [id, node] of byId) {
    if (node.kind !== 'outcome') continue;
    if (needs(node, ['own-supplier', 'application-administrator'], 'application') && reachableWithout('application', root, id, byId)) {
      add(id, 'names a desk by application, but can be reached without choosing one (put an application question before it, or name the application)');
    }
    if (needs(node, ['chosen-organisation']) && reachableWithout('organisation', root, id, byId)) {
      add(id, 'names the chosen organisation, but can be reached without choosing one (put an organisation question before it)');
    }
  }
  return problems.length ? { problems } : { tree: input as unknown as DecisionTree };
}

function checkNode(node: Json, add: (m: string) => void, byId: Map<string, Json>, directory?: DirectoryDocument): void {
  const text = (value: unknown, field: string) => {
    if (!isObject(value)) return add(`${field} must have "nl" and "en" texts`);
    for (const lang of ['nl', 'en']) if (typeof value[lang] !== 'string' || !value[lang].trim()) add(`${field}.${lang} is missing or empty`);
    refuseNumbers({ [`${field}.nl`]: value.nl, [`${field}.en`]: value.en }, add);
  };
  /** An optional list of texts: absent, or at least one text. */
  const texts = (value: unknown, field: string) => {
    if (value === undefined) return;
    if (!Array.isArray(value) || !value.length) return add(`${field} must be a non-empty list of texts (or left out)`);
    value.forEach((v, i) => text(v, `${field}[${i}]`));
  };
  const next = (target: unknown, field: string) => {
    if (typeof target !== 'string' || !target) add(`${field} must name the next node (a dead end otherwise)`);
    else if (!byId.has(target)) add(`${field} leads to unknown node "${target}"`);
  };
  const application = (id: unknown, field: string) => {
    if (id === undefined) return;
    if (typeof id !== 'string') add(`${field} must be an application id`);
    else if (directory && !directory.applications.some((a) => a.id === id)) add(`${field}: unknown application "${id}"`);
  };
  switch (node.kind) {
    case 'question':
      text(node.text, 'text');
      if (node.hint !== undefined) text(node.hint, 'hint');
      if (node.hintForDesk !== undefined) text(node.hintForDesk, 'hintForDesk');
      if (!Array.isArray(node.choices) || node.choices.length === 0) add('a question needs at least one choice (a dead end otherwise)');
      else node.choices.forEach((c: Json, i: number) => {
        text(c?.label, `choices[${i}].label`);
        if (c?.description !== undefined) text(c.description, `choices[${i}].description`);
        // Clients cut long choice labels ("…"); the explanation belongs in the description.
        for (const lang of ['nl', 'en']) {
          const label = c?.label?.[lang];
          if (typeof label === 'string' && label.length > MAX_LABEL) add(`choices[${i}].label.${lang} is ${label.length} characters; keep it at most ${MAX_LABEL} and put the explanation in "description"`);
        }
        next(c?.next, `choices[${i}].next`);
        if (Array.isArray(c?.synonyms)) c.synonyms.forEach((w: unknown, j: number) => refuseNumbers({ [`choices[${i}].synonyms[${j}]`]: w }, add));
      });
      break;
    case 'application':
    case 'organisation': {
      text(node.text, 'text');
      const [field, allowed] = node.kind === 'application' ? ['applicationKinds', APPLICATION_KINDS] as const : ['organisationKinds', ORGANISATION_KINDS] as const;
      const kinds = node[field];
      const wrong = kinds === undefined ? [] : Array.isArray(kinds) ? kinds.filter((k) => !(allowed as readonly string[]).includes(k)) : [String(kinds)];
      if (wrong.length) add(`${field}: unknown kind(s) ${wrong.map((k) => `"${k}"`).join(', ')}; allowed: ${allowed.join(', ')}`);
      next(node.next, 'next');
      if (node.unknownNext !== undefined) next(node.unknownNext, 'unknownNext');
      break;
    }
    case 'advice':
      text(node.text, 'text');
      text(node.continueLabel, 'continueLabel');
      if (!Array.isArray(node.checks) || !node.checks.length) add('advice needs at least one check');
      else node.checks.forEach((c: unknown, i: number) => text(c, `checks[${i}]`));
      texts(node.checksForDesk, 'checksForDesk');
      next(node.next, 'next');
      break;
    case 'outcome':
      text(node.title, 'title');
      text(node.text, 'text');
      if (node.textForDesk !== undefined) text(node.textForDesk, 'textForDesk');
      texts(node.prepareForDesk, 'prepareForDesk');
      if (node.warning !== undefined) text(node.warning, 'warning');
      if (!Array.isArray(node.prepare) || !node.prepare.length) add('an outcome needs at least one "prepare" item (what to have at hand)');
      else node.prepare.forEach((p: unknown, i: number) => text(p, `prepare[${i}]`));
      if (!Array.isArray(node.desks) || !node.desks.length) add('an outcome needs at least one desk');
      else node.desks.forEach((d: Json, i: number) => {
        text(d?.role, `desks[${i}].role`);
        if (d?.roleForDesk !== undefined) text(d.roleForDesk, `desks[${i}].roleForDesk`);
        const rule = d?.desk as DeskRule | undefined;
        if (!rule || !(DESK_RULES as readonly string[]).includes(rule.rule)) return add(`desks[${i}].desk.rule must be one of ${DESK_RULES.join(', ')}`);
        if (rule.rule === 'organisation') {
          if (typeof rule.organisationId !== 'string') add(`desks[${i}].desk.organisationId is required`);
          else if (directory && !directory.organisations.some((o) => o.id === rule.organisationId)) add(`desks[${i}].desk: unknown organisation "${rule.organisationId}"`);
        }
        if (rule.rule === 'own-supplier' || rule.rule === 'application-administrator') application(rule.application, `desks[${i}].desk.application`);
        // A region without an RSO falls back to the national helpdesk, so that is what must exist.
        const kindNeeded = { 'national-helpdesk': 'national-helpdesk', 'chain-coordination': 'national-coordination', 'rso-of-region': 'national-helpdesk' }[rule.rule as string];
        if (kindNeeded && directory && !directory.organisations.some((o) => o.kind === kindNeeded)) add(`desks[${i}]: the directory has no ${kindNeeded} organisation to resolve "${rule.rule}"`);
      });
      break;
  }
}

/** The tree is shown to everyone: a citizen service number in any text is refused (DOMAIN.md "Privacy"). */
function refuseNumbers(texts: Record<string, unknown>, add: (m: string) => void): void {
  for (const [field, value] of Object.entries(texts)) {
    const found = typeof value === 'string' ? findCitizenServiceNumbers(value)[0] : undefined;
    if (found) add(`${field} contains a citizen service number (BSN) "${found}"; remove it`);
  }
}

function edges(node: Json | undefined): string[] {
  if (!node) return [];
  const out: string[] = [];
  if (Array.isArray(node.choices)) for (const c of node.choices) if (typeof c?.next === 'string') out.push(c.next);
  for (const key of ['next', 'unknownNext']) if (typeof node[key] === 'string') out.push(node[key]);
  return out;
}

function shortestPaths(root: string, byId: Map<string, Json>): Map<string, string> {
  const paths = new Map<string, string>();
  if (!byId.has(root)) return paths;
  paths.set(root, root);
  const queue = [root];
  while (queue.length) {
    const id = queue.shift()!;
    for (const next of edges(byId.get(id))) {
      if (byId.has(next) && !paths.has(next)) { paths.set(next, `${paths.get(id)} → ${next}`); queue.push(next); }
    }
  }
  return paths;
}

function findCycles(root: string, byId: Map<string, Json>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'active');
    stack.push(id);
    for (const next of edges(byId.get(id))) {
      if (!byId.has(next)) continue;
      if (state.get(next) === 'active') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of [root, ...byId.keys()]) if (byId.has(id) && !state.has(id)) visit(id);
  return cycles;
}

/** Does the outcome name a desk by one of these rules (without a fixed `param`)? */
function needs(node: Json, rules: string[], param?: string): boolean {
  return Array.isArray(node.desks) && node.desks.some((d: Json) => rules.includes(d?.desk?.rule) && !(param && d.desk[param]));
}

/**
 * Can the outcome be reached from the root without choosing an application / organisation?
 * Through a picker only its "don't know" branch (unknownNext) leaves the choice open.
 */
function reachableWithout(kind: 'application' | 'organisation', root: string, target: string, byId: Map<string, Json>): boolean {
  const seen = new Set<string>();
  const queue = [root];
  while (queue.length) {
    const id = queue.shift()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = byId.get(id);
    const next = node?.kind === kind ? (typeof node.unknownNext === 'string' ? [node.unknownNext] : []) : edges(node);
    queue.push(...next.filter((n) => byId.has(n)));
  }
  return false;
}

export function formatTreeProblem(p: TreeProblem): string {
  return `node "${p.nodeId}" (${p.path}): ${p.message}`;
}

export type { TreeNode };
