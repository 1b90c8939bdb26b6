import { buildHelpCard } from '../cards/views/help-card.ts';
import type { CapabilityAudience, Flow } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { cardReply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import { isCoordinator } from '../core/domain/access/types.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';

// "hulp" is not here: it starts the decision tree ("ik heb hulp nodig").
const HELP_WORDS = new Set(['', 'help', 'menu', 'start', 'welkom', 'welcome', 'hallo', 'hello', 'hi', 'hoi', 'info', 'wat kun je', 'wat kan je', 'what can you do']);

/** Who is asking, as the help card needs it: their roles (administration or not) and their platform. */
export async function audienceOf(inbound: Inbound, deps: { people: People; directory: DirectoryRepository }): Promise<CapabilityAudience> {
  const person = await deps.people.of(inbound);
  const roles = [...new Set(person.roles.map((g) => g.role).filter((r) => r !== 'care-professional'))];
  const coordinator = isCoordinator(person);
  const adminOf = person.roles.filter((g) => g.role === 'administrator').map((g) => g.organisationId);
  const directory = adminOf.length ? await deps.directory.load() : undefined;
  return {
    platform: inbound.platform,
    roles,
    administersApplication: coordinator || (directory?.applications.some((a) => adminOf.includes(a.administratorId)) ?? false),
    administersRso: coordinator || (directory?.organisations.some((o) => o.kind === 'rso' && adminOf.includes(o.id)) ?? false),
  };
}

/**
 * Welcome/help: what Ketenbot can do. It lists the capabilities of every installed flow that fit
 * the person (care staff see what they can do, administrators also administration) with hints for
 * the platform in use, so the card always matches what really works for them. It interrupts
 * nothing: a running flow goes on.
 */
export function createHelpFlow(installedFlows: () => readonly Flow<any>[], deps?: { people: People; directory: DirectoryRepository }): Flow<never> {
  return {
    id: 'help',
    interrupts: true,
    matches: (text, inbound) => HELP_WORDS.has(text) && !inbound.action,
    start: async (ctx, inbound) => {
      const audience: CapabilityAudience = deps ? await audienceOf(inbound, deps) : { platform: inbound.platform, roles: [] };
      const capabilities = installedFlows().flatMap((f) => f.capabilities?.(ctx.t, audience) ?? []);
      return { replies: [cardReply(buildHelpCard(ctx.t, capabilities, audience))] };
    },
    capabilities: (t) => [{ title: t('help.capability.help.title'), text: t('help.capability.help.text') }],
  };
}
