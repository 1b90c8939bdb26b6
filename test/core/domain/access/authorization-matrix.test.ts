import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices, type Services } from '../../../../bot/compose-services.ts';
import { createLogger } from '../../../../bot/logger.ts';
import { translator } from '../../../../cards/i18n/translate.ts';
import type { AccessError } from '../../../../core/domain/access/access-errors.ts';
import { authorize } from '../../../../core/domain/access/permissions.ts';
import { newcomer, type Person, type Role } from '../../../../core/domain/access/types.ts';
import { treeScopeFor } from '../../../../core/domain/decision-tree/tree-scope.ts';
import { importDirectory } from '../../../../core/domain/directory/import-directory.ts';
import { importKbEntries } from '../../../../core/domain/knowledge-base/import-entries.ts';
import { kbRights } from '../../../../core/domain/knowledge-base/kb-rights.ts';
import type { DirectoryDocument } from '../../../../core/domain/directory/types.ts';
import { accessErrorText } from '../../../../dialogs/access-error-text.ts';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.ts';

/**
 * Every admin command against every kind of person, run for real (SQLite, composeServices, the
 * demo directory). Organisation-scoped commands are for the administrator of that organisation and
 * the chain coordinator; audit.read and inviting a coordinator are for the coordinator alone.
 * A refusal says which role was needed (and for which organisation), and changes nothing.
 */

const A = 'org-ziekenhuis-lindendael';
const A_NAME = 'Ziekenhuis Lindendael';
const B = 'org-sint-amandus-gasthuis';
const A_CONTACT = 'contact-wouter-peters';

const PEOPLE = [
  'newcomer',
  'care professional linked to A',
  'servicedesk agent of A',
  'service manager of A',
  'administrator of A',
  'administrator of B',
  'administrator of the RSO',
  'knowledge-base editor of A',
  'chain coordinator',
] as const;
type Who = (typeof PEOPLE)[number];

type Result = { ok: true } | { ok: false; error: AccessError };

interface Command {
  name: string;
  /** Who may do it; everyone else is refused with `refusal`. */
  allowed: Who[];
  refusal: { neededRole: Role; organisationId?: string };
  /** Prepares what the command acts on (as the coordinator) and returns the command itself. */
  prepare(): Promise<(actor: Person) => Promise<Result>>;
}

let db: TestDatabase;
let services: Services;
let current = new Date('2025-03-03T09:00:00.000Z');
const people = {} as Record<Who, Person>;
let channelCounter = 0;

const DEFAULT_TREE = JSON.parse(readFileSync(new URL('../../../../data/decision-tree.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const demo = JSON.parse(readFileSync(new URL('../../../../data/demo-directory.json', import.meta.url), 'utf8')) as DirectoryDocument;
const orgName = (id: string) => demo.organisations.find((o) => o.id === id)?.name ?? id;
const nextChannel = () => ({ platform: 'slack' as const, channelId: `C-MATRIX-${++channelCounter}`, teamId: 'T-MATRIX' });
const asResult = (d: ReturnType<typeof authorize>): Result => (d.allowed ? { ok: true } : { ok: false, error: { code: 'forbidden', neededRole: d.neededRole, ...(d.organisationId ? { organisationId: d.organisationId } : {}) } });
const coordinator = () => people['chain coordinator'];

async function invitationForA(): Promise<string> {
  const made = await services.invitations.invite(coordinator(), { role: 'servicedesk-agent', organisationIds: [A], invitee: 'collega@lindendael.example' });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  return made.value.code;
}

const SCOPED_TO_A = ['administrator of A', 'chain coordinator'] satisfies Who[];

const COMMANDS: Command[] = [
  {
    name: 'invite a servicedesk agent for A',
    allowed: SCOPED_TO_A,
    refusal: { neededRole: 'administrator', organisationId: A },
    prepare: async () => (actor) => services.invitations.invite(actor, { role: 'servicedesk-agent', organisationIds: [A], invitee: 'nieuw@lindendael.example' }),
  },
  {
    name: 'invite a chain coordinator',
    allowed: ['chain coordinator'],
    refusal: { neededRole: 'chain-coordinator' },
    prepare: async () => (actor) => services.invitations.invite(actor, { role: 'chain-coordinator', organisationIds: [], invitee: 'regie@twiin.example' }),
  },
  {
    // Not scoped to one organisation: every administrator may list (and sees only their own, see below).
    name: 'list invitations',
    allowed: ['administrator of A', 'administrator of B', 'administrator of the RSO', 'chain coordinator'],
    refusal: { neededRole: 'administrator' },
    prepare: async () => (actor) => services.invitations.list(actor),
  },
  {
    name: 'extend an invitation for A',
    allowed: SCOPED_TO_A,
    refusal: { neededRole: 'administrator', organisationId: A },
    prepare: async () => {
      const code = await invitationForA();
      return (actor) => services.invitations.extend(actor, code);
    },
  },
  {
    name: 'revoke an invitation for A',
    allowed: SCOPED_TO_A,
    refusal: { neededRole: 'administrator', organisationId: A },
    prepare: async () => {
      const code = await invitationForA();
      return (actor) => services.invitations.revoke(actor, code);
    },
  },
  {
    name: 'link a channel to A',
    allowed: SCOPED_TO_A,
    refusal: { neededRole: 'administrator', organisationId: A },
    prepare: async () => {
      const place = nextChannel();
      return (actor) => services.channels.link(actor, place, A_NAME);
    },
  },
  {
    name: 'unlink A from a channel',
    allowed: SCOPED_TO_A,
    refusal: { neededRole: 'administrator', organisationId: A },
    prepare: async () => {
      const place = nextChannel();
      const linked = await services.channels.link(coordinator(), place, A);
      if (!linked.ok) throw new Error(JSON.stringify(linked.error));
      return (actor) => services.channels.unlink(actor, place);
    },
  },
  {
    name: 'edit a contact of A',
    allowed: SCOPED_TO_A,
    refusal: { neededRole: 'administrator', organisationId: A },
    prepare: async () => (actor) => services.people.updateContact(actor, A_CONTACT, { phone: `+31 20 555 ${String(1000 + channelCounter++)}` }),
  },
  {
    name: 'grant a role on A',
    allowed: SCOPED_TO_A,
    refusal: { neededRole: 'administrator', organisationId: A },
    prepare: async () => async (actor) => asResult(authorize(actor, 'role.grant', [A])),
  },
  {
    // What the whole chain shares is managed nationally (seed 000); an RSO publishes its own region's variant.
    name: 'publish the national decision tree',
    allowed: ['chain coordinator'],
    refusal: { neededRole: 'chain-coordinator' },
    prepare: async () => async (actor) => {
      const scope = treeScopeFor(actor, await services.directory.load());
      if (!scope.allowed || scope.region) return { ok: false, error: { code: 'forbidden', neededRole: 'chain-coordinator' } };
      return publishTree(actor);
    },
  },
  {
    name: 'publish the decision tree of the region Rivierenland',
    allowed: ['administrator of the RSO', 'chain coordinator'],
    refusal: { neededRole: 'chain-coordinator' },
    prepare: async () => async (actor) => {
      const scope = treeScopeFor(actor, await services.directory.load(), 'Rivierenland');
      if (!scope.allowed) return { ok: false, error: 'neededRole' in scope ? { code: 'forbidden', neededRole: scope.neededRole, ...(scope.organisationId ? { organisationId: scope.organisationId } : {}) } : { code: 'forbidden', neededRole: 'chain-coordinator' } };
      return publishTree(actor, scope.region);
    },
  },
  {
    name: 'write a knowledge-base draft',
    allowed: ['administrator of the RSO', 'knowledge-base editor of A', 'chain coordinator'],
    refusal: { neededRole: 'kb-editor' },
    prepare: async () => async (actor) => {
      const rights = kbRights(actor, await services.directory.load());
      return rights.allowed ? saveKbEntry(actor, false) : { ok: false, error: { code: 'forbidden', neededRole: rights.neededRole } };
    },
  },
  {
    name: 'publish or retire a knowledge-base entry',
    allowed: ['chain coordinator'],
    refusal: { neededRole: 'chain-coordinator' },
    prepare: async () => async (actor) => {
      const rights = kbRights(actor, await services.directory.load());
      return rights.allowed && rights.publish ? saveKbEntry(actor, true) : { ok: false, error: { code: 'forbidden', neededRole: 'chain-coordinator' } };
    },
  },
  {
    name: 'read the audit log',
    allowed: ['chain coordinator'],
    refusal: { neededRole: 'chain-coordinator' },
    prepare: async () => async (actor) => asResult(authorize(actor, 'audit.read')),
  },
];

let published = 0;
async function publishTree(actor: Person, region?: string): Promise<Result> {
  const tree = { ...DEFAULT_TREE, version: `matrix-${++published}` };
  const result = await services.tree.publish(tree, actor.id, region);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { ok: true };
}
async function saveKbEntry(actor: Person, publish: boolean): Promise<Result> {
  const entry = { id: `kb-matrix-${++published}`, language: 'nl', title: 'Matrixartikel', problem: 'Een probleem met de matrix.', solution: 'Een oplossing.', tags: [], applicationIds: [], audience: 'zorgverlener', published: publish };
  const result = await importKbEntries(services.kb, { entries: [entry] }, { actor: actor.id, now: current, knownApplicationIds: new Set() });
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  return { ok: true };
}

const ROLE_WORDS: Record<Role, { nl: string; en: string }> = {
  'care-professional': { nl: 'zorgverlener', en: 'care professional' },
  'servicedesk-agent': { nl: 'servicedeskmedewerker', en: 'service desk agent' },
  'service-manager': { nl: 'servicemanager', en: 'service manager' },
  administrator: { nl: 'beheerder', en: 'administrator' },
  'kb-editor': { nl: 'kennisbankredacteur', en: 'knowledge-base editor' },
  'chain-coordinator': { nl: 'ketenregisseur', en: 'chain coordinator' },
};

/** The meaningful part of a refusal: its code, the role needed and the organisation, when there is one. */
function refusalOf(error: AccessError): Record<string, unknown> {
  const e = error as Record<string, unknown>;
  return { code: e.code, ...('neededRole' in e ? { neededRole: e.neededRole } : {}), ...(e.organisationId !== undefined ? { organisationId: e.organisationId } : {}) };
}

/** The refusal of an outcome that must be one (see refusalOf). */
function refused(outcome: { ok: boolean; error?: AccessError }): Record<string, unknown> {
  if (outcome.ok || !outcome.error) throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  return refusalOf(outcome.error);
}

async function auditCount(): Promise<number> {
  return (await services.audit.since(new Date(0))).length;
}

beforeAll(async () => {
  db = await openTestDatabase('sqlite');
  services = composeServices(db.dataSource, { now: () => current }, createLogger('silent', false));
  const imported = await importDirectory(services.directory, demo, { replace: true, actor: 'test', now: current });
  if ('problems' in imported) throw new Error(JSON.stringify(imported.problems));
  const granted = async (userId: string, role: Role, organisationId?: string) => {
    const result = await services.people.grant(newcomer('slack', userId), role, organisationId, 'test');
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };
  people.newcomer = newcomer('slack', 'U-NEW');
  people['care professional linked to A'] = await granted('U-CP-A', 'care-professional', A);
  people['servicedesk agent of A'] = await granted('U-SD-A', 'servicedesk-agent', A);
  people['service manager of A'] = await granted('U-SM-A', 'service-manager', A);
  people['administrator of A'] = await granted('U-ADM-A', 'administrator', A);
  people['administrator of B'] = await granted('U-ADM-B', 'administrator', B);
  people['administrator of the RSO'] = await granted('U-ADM-RSO', 'administrator', 'org-rso-rivierenland');
  people['knowledge-base editor of A'] = await granted('U-KB-A', 'kb-editor', A);
  people['chain coordinator'] = await granted('U-COORD', 'chain-coordinator');
});

afterAll(async () => {
  await db?.dispose();
});

describe('the people of the matrix are what they say', () => {
  it('the care professional is linked to A without any admin role; the others hold exactly their role', () => {
    expect(people['care professional linked to A']).toMatchObject({ organisationIds: [A], roles: [] });
    expect(people['servicedesk agent of A'].roles).toEqual([{ role: 'servicedesk-agent', organisationId: A }]);
    expect(people['administrator of B'].roles).toEqual([{ role: 'administrator', organisationId: B }]);
    expect(people['chain coordinator'].roles).toEqual([{ role: 'chain-coordinator' }]);
  });
});

describe.each(COMMANDS)('$name', (command) => {
  it.each(PEOPLE.map((who) => [who]))('by the %s', async (who) => {
    const run = await command.prepare();
    const before = await auditCount();
    const result = await run(people[who]);

    if ((command.allowed as readonly string[]).includes(who)) {
      expect(result, `${who} may ${command.name}`).toMatchObject({ ok: true });
      return;
    }
    expect(result.ok, `${who} may not ${command.name}`).toBe(false);
    const error = (result as { ok: false; error: AccessError }).error;
    // What the refusal says (the exact object shape is checked once, below).
    expect(refusalOf(error)).toEqual({ code: 'forbidden', ...command.refusal });
    // A refusal changes nothing.
    expect(await auditCount()).toBe(before);

    // The refusal as the user reads it: the role that was needed and, when scoped, the organisation by name.
    for (const locale of ['nl', 'en'] as const) {
      const text = accessErrorText(translator(locale), error, orgName);
      expect(text).toContain(ROLE_WORDS[command.refusal.neededRole][locale]);
      if (command.refusal.organisationId) {
        expect(text).toContain(A_NAME);
        expect(text).not.toContain(A);
      }
    }
  });
});

describe('what the matrix cannot show in one cell', () => {
  it('the Dutch and English refusal sentences, word for word', () => {
    const scoped: AccessError = { code: 'forbidden', neededRole: 'administrator', organisationId: A };
    expect(accessErrorText(translator('nl'), scoped, orgName)).toBe(
      'Hiervoor is de rol beheerder voor Ziekenhuis Lindendael nodig. Vraag de verantwoordelijke beheerder van uw organisatie om een uitnodiging.',
    );
    const national: AccessError = { code: 'forbidden', neededRole: 'chain-coordinator' };
    expect(accessErrorText(translator('nl'), national, orgName)).toBe('Hiervoor is de rol ketenregisseur nodig. Vraag de verantwoordelijke beheerder van uw organisatie om een uitnodiging.');
    expect(accessErrorText(translator('en'), national, orgName)).toBe('This needs the role chain coordinator. Ask the responsible administrator of your organisation for an invitation.');
  });

  it('every refusal is exactly { code: "forbidden", neededRole, organisationId? }: nothing else leaks into it', async () => {
    // Collect a refusal of every use case that refuses, as the care professional of A.
    const actor = people['care professional linked to A'];
    const refusals: Record<string, unknown> = {};
    const collect = async (name: string, result: Promise<{ ok: boolean; error?: AccessError }>) => {
      const r = await result;
      refusals[name] = r.ok ? 'allowed?!' : r.error;
    };
    const code = await invitationForA();
    const place = nextChannel();
    const linked = await services.channels.link(coordinator(), place, A);
    if (!linked.ok) throw new Error(JSON.stringify(linked.error));
    await collect('invitations.invite', services.invitations.invite(actor, { role: 'servicedesk-agent', organisationIds: [A], invitee: 'x@example.org' }));
    await collect('invitations.list', services.invitations.list(actor));
    await collect('invitations.extend', services.invitations.extend(actor, code));
    await collect('invitations.revoke', services.invitations.revoke(actor, code));
    await collect('channels.link', services.channels.link(actor, nextChannel(), A));
    await collect('channels.unlink', services.channels.unlink(actor, place));
    await collect('people.updateContact', services.people.updateContact(actor, A_CONTACT, { phone: '+31 20 555 0000' }));
    expect(refusals).toEqual({
      'invitations.invite': { code: 'forbidden', neededRole: 'administrator', organisationId: A },
      'invitations.list': { code: 'forbidden', neededRole: 'administrator' },
      'invitations.extend': { code: 'forbidden', neededRole: 'administrator', organisationId: A },
      'invitations.revoke': { code: 'forbidden', neededRole: 'administrator', organisationId: A },
      'channels.link': { code: 'forbidden', neededRole: 'administrator', organisationId: A },
      'channels.unlink': { code: 'forbidden', neededRole: 'administrator', organisationId: A },
      'people.updateContact': { code: 'forbidden', neededRole: 'administrator', organisationId: A },
    });
  });

  it('the English refusal uses the right article before the role ("an administrator", not "a administrator")', () => {
    const t = translator('en');
    for (const error of [{ code: 'forbidden', neededRole: 'administrator', organisationId: A }, { code: 'forbidden', neededRole: 'administrator' }] as AccessError[]) {
      expect(accessErrorText(t, error, orgName)).not.toMatch(/\ba administrator\b/);
    }
  });

  it('an administrator lists only the invitations of their own organisations; the coordinator lists all', async () => {
    const forA = await invitationForA();
    const forB = await services.invitations.invite(people['administrator of B'], { role: 'service-manager', organisationIds: [B], invitee: 'sm@amandus.example' });
    if (!forB.ok) throw new Error(JSON.stringify(forB.error));
    const codes = async (who: Who) => {
      const listed = await services.invitations.list(people[who]);
      if (!listed.ok) throw new Error(JSON.stringify(listed.error));
      return listed.value.map((i) => i.code);
    };
    expect(await codes('administrator of A')).toContain(forA);
    expect(await codes('administrator of A')).not.toContain(forB.value.code);
    expect(await codes('administrator of B')).toContain(forB.value.code);
    expect(await codes('administrator of B')).not.toContain(forA);
    expect(await codes('chain coordinator')).toEqual(expect.arrayContaining([forA, forB.value.code]));
  });

  it('an invitation for two organisations needs the administrator of both: the refusal names the missing one', async () => {
    const result = await services.invitations.invite(people['administrator of A'], { role: 'servicedesk-agent', organisationIds: [A, B], invitee: 'twee@example.org' });
    expect(refused(result)).toEqual({ code: 'forbidden', neededRole: 'administrator', organisationId: B });
    expect(accessErrorText(translator('nl'), (result as { ok: false; error: AccessError }).error, orgName)).toContain('Sint Amandus Gasthuis');
  });

  it('an administrator of A may not make anyone a chain coordinator, even "for A"', async () => {
    const result = await services.invitations.invite(people['administrator of A'], { role: 'chain-coordinator', organisationIds: [A], invitee: 'regie@example.org' });
    expect(refused(result)).toEqual({ code: 'forbidden', neededRole: 'chain-coordinator' });
  });

  it('only the coordinator may extend or revoke an invitation of a chain coordinator', async () => {
    const made = await services.invitations.invite(coordinator(), { role: 'chain-coordinator', organisationIds: [], invitee: 'regie2@twiin.example' });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    for (const who of ['administrator of A', 'administrator of B'] as const) {
      expect(refused(await services.invitations.extend(people[who], made.value.code))).toEqual({ code: 'forbidden', neededRole: 'chain-coordinator' });
      expect(refused(await services.invitations.revoke(people[who], made.value.code))).toEqual({ code: 'forbidden', neededRole: 'chain-coordinator' });
    }
    expect(await services.invitations.revoke(coordinator(), made.value.code)).toMatchObject({ ok: true, value: { status: 'revoked' } });
  });
});
