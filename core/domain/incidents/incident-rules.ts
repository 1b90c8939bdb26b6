import { hasRole, isCoordinator, type Person } from '../access/types.ts';
import type { DirectoryDocument } from '../directory/types.ts';
import { applicationAdministrators, type Route } from './coordination-layer.ts';
import type { Incident } from './types.ts';

const STAFF = ['servicedesk-agent', 'service-manager', 'administrator'] as const;

/**
 * Whose alert channels carry the card. Local: the reporter's organisation only. Otherwise the
 * coordinator (and its partner), and every organisation administering an affected application.
 * A possible data leak is confidential: only the reporter's organisation, the supplier concerned
 * and the region's RSO (seed 000, information security), never the broad alert channels.
 */
export function audienceOf(directory: DirectoryDocument, route: Route, reporterOrganisationId: string, applicationIds: string[], possibleDataLeak: boolean): string[] {
  if (possibleDataLeak) {
    const orgs = new Map(directory.organisations.map((o) => [o.id, o]));
    const suppliers = applicationAdministrators(directory.applications, applicationIds).filter((id) => orgs.get(id)?.kind === 'supplier');
    const region = orgs.get(reporterOrganisationId)?.region;
    const rsos = directory.organisations.filter((o) => o.kind === 'rso' && (!region || o.region === region)).map((o) => o.id);
    return [...new Set([reporterOrganisationId, ...suppliers, ...(rsos.length ? rsos.slice(0, 1) : [])])];
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
  if (person.id === incident.reporter.id || isCoordinator(person)) return true;
  const orgs = incident.possibleDataLeak
    ? incident.audienceIds
    : [...incident.audienceIds, ...incident.organisationIds, incident.coordinatorId, ...incident.partnerIds];
  return orgs.some((org) => person.organisationIds.includes(org) || person.roles.some((g) => g.organisationId === org));
}

/** Taking, updating, resolving and escalating: support staff of an organisation the card is for. */
export function canHandleIncident(person: Person, incident: Incident): boolean {
  if (isCoordinator(person)) return true;
  const orgs = [...new Set([incident.coordinatorId, ...incident.partnerIds, ...incident.audienceIds])];
  return orgs.some((org) => STAFF.some((role) => hasRole(person, role, org)));
}
