import { hasRole, isCoordinator, type Person } from '../access/types.ts';
import type { DirectoryDocument } from '../directory/types.ts';
import { applicationAdministrators, coordinationLayer, isRouteProblem, type Route, type RouteProblem } from './coordination-layer.ts';
import type { Incident, IncidentDraft } from './types.ts';

const STAFF = ['servicedesk-agent', 'service-manager', 'administrator'] as const;

/**
 * Whose alert channels carry the card. Local: the reporter's organisation only. Otherwise the
 * coordinator (and its partner), and every organisation administering an affected application.
 * A possible data leak is confidential: only the reporter's organisation, the supplier concerned
 * and the region's RSO (seed 000, information security), never the broad alert channels.
 */
export function audienceOf(directory: DirectoryDocument, route: Route, reporterOrganisationId: string, applicationIds: string[], possibleDataLeak: boolean): string[] {
  if (possibleDataLeak) {
    // The supplier concerned: whoever administers the affected application (a software supplier, or
    // the GtK service provider for an exchange application). The RSO: the reporter's region's, or else
    // the first RSO the directory knows, so that someone can monitor and escalate nationally.
    const region = directory.organisations.find((o) => o.id === reporterOrganisationId)?.region;
    const rsos = directory.organisations.filter((o) => o.kind === 'rso');
    const rso = rsos.find((o) => region && o.region === region) ?? rsos[0];
    return [...new Set([reporterOrganisationId, ...applicationAdministrators(directory.applications, applicationIds), ...(rso ? [rso.id] : [])])];
  }
  if (route.layer === 'local') return [route.coordinatorId === reporterOrganisationId ? reporterOrganisationId : route.coordinatorId];
  return [...new Set([route.coordinatorId, ...route.partnerIds, ...applicationAdministrators(directory.applications, applicationIds)])];
}

/**
 * A possible data leak is handled by the reporter's own organisation with the supplier concerned
 * and the RSO (seed 000): they coordinate it, and it never goes up the layers into broad channels.
 */
export function confidentialRoute(route: Route, reporterOrganisationId: string, audienceIds: string[]): Route {
  return { ...route, layer: 'local', coordinatorId: reporterOrganisationId, partnerIds: audienceIds.filter((id) => id !== reporterOrganisationId), reason: { kind: 'confidential' } };
}

/** Linking = seeing. A confidential incident only for its audience (and its reporter). */
export function canSeeIncident(person: Person, incident: Incident): boolean {
  if (person.id === incident.reporter.id) return true;
  // A possible data leak: not even chain coordination, unless linked to its audience.
  if (isCoordinator(person) && !incident.possibleDataLeak) return true;
  const orgs = incident.possibleDataLeak
    ? incident.audienceIds
    : [...incident.audienceIds, ...incident.organisationIds, incident.coordinatorId, ...incident.partnerIds];
  return orgs.some((org) => person.organisationIds.includes(org) || person.roles.some((g) => g.organisationId === org));
}

/** Taking, updating, resolving and escalating: support staff of an organisation the card is for. */
export function canHandleIncident(person: Person, incident: Incident): boolean {
  if (isCoordinator(person) && !incident.possibleDataLeak) return true;
  const orgs = [...new Set([incident.coordinatorId, ...incident.partnerIds, ...incident.audienceIds])];
  return orgs.some((org) => STAFF.some((role) => hasRole(person, role, org)));
}

/** Linked by an invitation or a role (or chain coordination, who may speak for anyone): not merely claimed. */
export function isLinkedTo(person: Person, organisationId: string): boolean {
  return isCoordinator(person) || person.organisationIds.includes(organisationId) || person.roles.some((g) => g.organisationId === organisationId);
}

/** Filed on an unverified claim and now acted on by someone who handles it: everyone is alerted. */
export function releaseHeldAudience(incident: Incident): Incident {
  if (!incident.heldAudienceIds?.length) return incident;
  const { heldAudienceIds, ...rest } = incident;
  return { ...rest, audienceIds: [...new Set([...incident.audienceIds, ...heldAudienceIds])] };
}

/**
 * The route and the alerted organisations of a draft: everyone the rules name, or, when the reporter
 * only claimed their organisation, its coordinator first (the others held until someone acts on it).
 */
export function planAudience(directory: DirectoryDocument, person: Person, reporterOrganisationId: string, draft: Pick<IncidentDraft, 'organisationIds' | 'applicationIds' | 'possibleDataLeak'>):
  { route: Route; audienceIds: string[]; heldAudienceIds: string[]; claimed: boolean } | { problem: RouteProblem } {
  const ruled = coordinationLayer(directory, draft.organisationIds, draft.applicationIds);
  if (isRouteProblem(ruled)) return { problem: ruled };
  const fullAudience = audienceOf(directory, ruled, reporterOrganisationId, draft.applicationIds, draft.possibleDataLeak);
  const route = draft.possibleDataLeak ? confidentialRoute(ruled, reporterOrganisationId, fullAudience) : ruled;
  // An organisation the reporter only claimed: the coordinator sees the card first, marked as such.
  const claimed = !isLinkedTo(person, reporterOrganisationId);
  const audienceIds = claimed ? [route.coordinatorId] : fullAudience;
  return { route, audienceIds, heldAudienceIds: fullAudience.filter((o) => !audienceIds.includes(o)), claimed };
}
