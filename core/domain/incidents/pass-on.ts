import { isCoordinator, type Person } from '../access/types.ts';
import type { DirectoryDocument } from '../directory/types.ts';
import { applicationAdministrators } from './coordination-layer.ts';
import type { Incident, PassOnKind } from './types.ts';

/**
 * Passing a local incident on (seed 004, "Beheer zorgaanbieder"): a problem the own helpdesk cannot
 * solve, caused by a link with external systems, "kan worden doorgezet naar de eigen leverancier of
 * de eigen GtK-dienstverlener". The desk it goes to gets the card and can handle the incident; the
 * coordination stays local (layer and coordinator do not change).
 */

export interface PassOnTarget {
  organisationId: string;
  as: PassOnKind;
}

/** Who may pass it on: the coordinating organisation's support staff (linking = seeing), or chain coordination. */
const PASS_ON_ROLES = ['servicedesk-agent', 'service-manager', 'administrator'] as const;

/**
 * The desks a local incident can go to. Supplier: whoever administers an affected application (the
 * application's administrator in the directory), unless that is a GtK service provider. GtK: the GtK
 * service provider administering an affected GtK application, else the coordinating care provider's
 * own GtK service providers. Never the coordinator itself; each organisation once.
 */
export function passOnTargets(directory: DirectoryDocument, incident: Pick<Incident, 'coordinatorId' | 'applicationIds'>): PassOnTarget[] {
  const orgs = new Map(directory.organisations.map((o) => [o.id, o]));
  const coordinator = orgs.get(incident.coordinatorId);
  const admins = applicationAdministrators(directory.applications, incident.applicationIds).filter((id) => orgs.has(id) && id !== incident.coordinatorId);
  const isGtk = (id: string) => orgs.get(id)?.kind === 'gtk-service-provider';
  const own = coordinator?.kind === 'care-provider' ? coordinator.gtkServiceProviderIds.filter((id) => orgs.has(id) && id !== incident.coordinatorId) : [];
  const gtkAdmins = admins.filter(isGtk);
  return [
    ...admins.filter((id) => !isGtk(id)).map((organisationId) => ({ organisationId, as: 'supplier' as const })),
    ...(gtkAdmins.length ? gtkAdmins : own).map((organisationId) => ({ organisationId, as: 'gtk' as const })),
  ];
}

/** The targets not passed on to yet. */
export function remainingTargets(directory: DirectoryDocument, incident: Incident): PassOnTarget[] {
  const done = new Set((incident.passedOn ?? []).map((p) => p.organisationId));
  return passOnTargets(directory, incident).filter((t) => !done.has(t.organisationId));
}

/** Staff of the coordinating organisation, or chain coordination (never for a confidential incident: that stays with its audience). */
export function canPassOn(person: Person, incident: Incident): boolean {
  if (isCoordinator(person) && !incident.possibleDataLeak) return true;
  return person.roles.some((g) => (PASS_ON_ROLES as readonly string[]).includes(g.role) && g.organisationId === incident.coordinatorId);
}

/** Can this incident be passed on at all: local, open, not confidential. */
export function passOnOpen(incident: Incident): boolean {
  return incident.layer === 'local' && !incident.possibleDataLeak && (incident.status === 'new' || incident.status === 'in-progress');
}

/** A choice of targets: every target of a kind, or the one organisation named. */
export type PassOnChoice = { kind: PassOnKind } | { organisationId: string };

export function chosenTargets(targets: PassOnTarget[], choice: PassOnChoice): PassOnTarget[] {
  return 'kind' in choice ? targets.filter((t) => t.as === choice.kind) : targets.filter((t) => t.organisationId === choice.organisationId);
}
