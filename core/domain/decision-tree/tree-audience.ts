import type { Person } from '../access/types.ts';
import type { Organisation } from '../directory/types.ts';
import type { AdviceNode, OutcomeDesk, OutcomeNode, QuestionNode, Text } from './types.ts';

/**
 * Who walks the tree: care staff ("ask your own helpdesk"), or servicedesk staff, who are a desk
 * themselves (DOMAIN.md "Who is who"). A node may carry `…ForDesk` variants of its texts; servicedesk
 * staff see those where they exist, everyone else the plain texts.
 */
export type Audience = 'care' | 'desk';

const DESK_ROLES = new Set(['servicedesk-agent', 'service-manager', 'chain-coordinator']);

/** Servicedesk staff: a servicedesk role in Ketenbot, or working at an organisation that is itself a desk in the chain. */
export function audienceOf(person: Pick<Person, 'roles'> | undefined, organisation: Organisation | undefined): Audience {
  if (person?.roles.some((g) => DESK_ROLES.has(g.role))) return 'desk';
  return organisation && organisation.kind !== 'care-provider' ? 'desk' : 'care';
}

const pick = <T>(audience: Audience | undefined, plain: T, forDesk: T | undefined): T => (audience === 'desk' && forDesk !== undefined ? forDesk : plain);

export const outcomeText = (node: OutcomeNode, audience?: Audience): Text => pick(audience, node.text, node.textForDesk);
export const outcomePrepare = (node: OutcomeNode, audience?: Audience): Text[] => pick(audience, node.prepare, node.prepareForDesk);
export const deskRole = (desk: OutcomeDesk, audience?: Audience): Text => pick(audience, desk.role, desk.roleForDesk);
export const adviceChecks = (node: AdviceNode, audience?: Audience): Text[] => pick(audience, node.checks, node.checksForDesk);
export const questionHint = (node: QuestionNode, audience?: Audience): Text | undefined => pick(audience, node.hint, node.hintForDesk);
