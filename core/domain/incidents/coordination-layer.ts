import type { Application, DirectoryDocument, Organisation } from '../directory/types.ts';

/** Seed 004's layers, lowest first. */
export const LAYERS = ['local', 'gtk', 'chain', 'common-facility'] as const;
export type Layer = (typeof LAYERS)[number];

/** Why a route was chosen, as data: the text is made in the user's language (cards/i18n). */
export type RouteReason =
  | { kind: 'one-provider'; provider: string }
  | { kind: 'one-party'; party: string }
  | { kind: 'one-gtk'; providers: number; gtk: string }
  | { kind: 'several-gtks'; providers: number; gtks: number }
  | { kind: 'several-applications'; providers: number; applications: number }
  | { kind: 'several-parties'; parties: number }
  | { kind: 'confidential' }
  | { kind: 'common-facility'; facilities: string[]; coordinator: string }
  | { kind: 'escalated'; from: Layer; coordinator: string };

export interface Route {
  layer: Layer;
  /** The organisation that coordinates. */
  coordinatorId: string;
  /** Coordinates together with the coordinator (a common facility's own administrator). */
  partnerIds: string[];
  reason: RouteReason;
  /** Care providers involved (named, or the users of the named applications). */
  providerIds: string[];
  /** GtK service providers involved. */
  gtkIds: string[];
}

export type RouteProblem =
  | { code: 'nothing-named' }
  | { code: 'unknown-organisations'; ids: string[] }
  | { code: 'unknown-applications'; ids: string[] }
  | { code: 'no-chain-coordination' };

/**
 * The layered coordination rule of seed 004 ("Verantwoordelijkheid en coördinatie"): an incident is
 * coordinated at the lowest layer that covers everything involved.
 *
 *   a common facility is involved            → Twiin chain coordination, with the facility's administrator
 *   several GtK service providers involved   → Twiin chain coordination
 *   one care provider                        → its own management (local)
 *   several providers, several applications  → Twiin chain coordination
 *   several providers all on one GtK         → that GtK service provider
 *   several providers on different GtKs      → Twiin chain coordination
 *
 * Involved care providers are the named ones, or, when none are named, the users of the named
 * applications. GtK service providers are the named ones and the administrators of named GtK
 * applications. Pure: the directory is passed in.
 */
export function coordinationLayer(directory: DirectoryDocument, organisationIds: string[], applicationIds: string[]): Route | RouteProblem {
  const orgs = new Map(directory.organisations.map((o) => [o.id, o]));
  const apps = new Map(directory.applications.map((a) => [a.id, a]));
  const orgIds = unique(organisationIds);
  const appIds = unique(applicationIds);
  if (!orgIds.length && !appIds.length) return { code: 'nothing-named' };
  const unknownOrgs = orgIds.filter((id) => !orgs.has(id));
  if (unknownOrgs.length) return { code: 'unknown-organisations', ids: unknownOrgs };
  const unknownApps = appIds.filter((id) => !apps.has(id));
  if (unknownApps.length) return { code: 'unknown-applications', ids: unknownApps };
  const named = orgIds.map((id) => orgs.get(id)!);
  const applications = appIds.map((id) => apps.get(id)!);
  const chain = directory.organisations.find((o) => o.kind === 'national-coordination');

  const namedProviders = named.filter((o) => o.kind === 'care-provider');
  const providers = namedProviders.length
    ? namedProviders
    : unique(applications.flatMap((a) => a.usedBy)).map((id) => orgs.get(id)).filter((o): o is Organisation => o?.kind === 'care-provider');
  const gtkIds = unique([
    ...named.filter((o) => o.kind === 'gtk-service-provider').map((o) => o.id),
    ...applications.filter((a) => a.kind === 'gtk').map((a) => a.administratorId),
  ]);
  const base = { providerIds: providers.map((p) => p.id), gtkIds };

  const facilities = unique([
    ...named.filter((o) => o.kind === 'common-facility').map((o) => o.id),
    ...applications.filter((a) => a.kind === 'common-facility').map((a) => a.administratorId),
  ]);
  if (facilities.length) {
    if (!chain) return { code: 'no-chain-coordination' };
    const facilityNames = [
      ...applications.filter((a) => a.kind === 'common-facility').map((a) => a.name),
      ...named.filter((o) => o.kind === 'common-facility' && !applications.some((a) => a.kind === 'common-facility' && a.administratorId === o.id)).map((o) => o.name),
    ];
    return { ...base, layer: 'common-facility', coordinatorId: chain.id, partnerIds: facilities, reason: { kind: 'common-facility', facilities: facilityNames, coordinator: chain.name } };
  }

  const toChain = (reason: RouteReason): Route | RouteProblem =>
    chain ? { ...base, layer: 'chain', coordinatorId: chain.id, partnerIds: [], reason } : { code: 'no-chain-coordination' };

  // GtKs that all providers are connected to (for several providers), in the first provider's order.
  // Sorted, so the choice does not depend on the order anything was named or listed in.
  const shared = providers.length
    ? [...providers[0]!.gtkServiceProviderIds].sort().filter((g) => providers.every((p) => p.gtkServiceProviderIds.includes(g)))
    : [];
  const providerGtks = unique(providers.flatMap((p) => p.gtkServiceProviderIds));

  if (gtkIds.length > 1) return toChain({ kind: 'several-gtks', providers: providers.length, gtks: gtkIds.length });

  if (providers.length <= 1) {
    const provider = providers[0];
    if (namedProviders.length === 1 && provider) {
      // A GtK the provider is not connected to is involved: beyond its own walls and its own GtK.
      if (gtkIds.length === 1 && !provider.gtkServiceProviderIds.includes(gtkIds[0]!)) {
        return toChain({ kind: 'several-gtks', providers: 1, gtks: 1 + Math.max(1, provider.gtkServiceProviderIds.length) });
      }
      return { ...base, layer: 'local', coordinatorId: provider.id, partnerIds: [], reason: { kind: 'one-provider', provider: provider.name } };
    }
    if (gtkIds.length === 1) {
      const gtk = orgs.get(gtkIds[0]!)!;
      return { ...base, layer: 'gtk', coordinatorId: gtk.id, partnerIds: [], reason: { kind: 'one-gtk', providers: providers.length, gtk: gtk.name } };
    }
    if (applications.length > 1) return toChain({ kind: 'several-applications', providers: providers.length, applications: applications.length });
    const parties = named.filter((o) => o.kind !== 'care-provider');
    if (!applications.length && parties.length > 1) return toChain({ kind: 'several-parties', parties: parties.length });
    // One party and nothing beyond it: the only provider using the application, the application's
    // administrator, or the one organisation named.
    const party = provider ?? orgs.get(applications[0]?.administratorId ?? '') ?? named[0]!;
    return { ...base, layer: 'local', coordinatorId: party.id, partnerIds: [], reason: party.kind === 'care-provider' ? { kind: 'one-provider', provider: party.name } : { kind: 'one-party', party: party.name } };
  }

  if (applications.length > 1) return toChain({ kind: 'several-applications', providers: providers.length, applications: applications.length });
  const gtkId = gtkIds.length === 1 ? (shared.includes(gtkIds[0]!) ? gtkIds[0] : undefined) : shared[0];
  if (gtkId) {
    const gtk = orgs.get(gtkId)!;
    return { ...base, layer: 'gtk', coordinatorId: gtk.id, partnerIds: [], reason: { kind: 'one-gtk', providers: providers.length, gtk: gtk.name } };
  }
  return toChain({ kind: 'several-gtks', providers: providers.length, gtks: Math.max(2, unique([...providerGtks, ...gtkIds]).length) });
}

/**
 * One layer up (escalation): local → the provider's GtK (the one shared by the providers, else chain),
 * gtk → chain. Chain and common facility are the top: undefined.
 */
export function escalatedRoute(directory: DirectoryDocument, route: Route): Route | undefined {
  const chain = directory.organisations.find((o) => o.kind === 'national-coordination');
  if (route.layer === 'chain' || route.layer === 'common-facility') return undefined;
  if (route.layer === 'local') {
    const provider = directory.organisations.find((o) => o.id === route.coordinatorId);
    const gtkId = provider?.kind === 'care-provider' ? provider.gtkServiceProviderIds[0] : undefined;
    const gtk = directory.organisations.find((o) => o.id === gtkId);
    if (gtk) return { ...route, layer: 'gtk', coordinatorId: gtk.id, partnerIds: [], reason: { kind: 'escalated', from: 'local', coordinator: gtk.name } };
  }
  if (!chain) return undefined;
  return { ...route, layer: 'chain', coordinatorId: chain.id, partnerIds: [], reason: { kind: 'escalated', from: route.layer, coordinator: chain.name } };
}

/** The organisations administering the named applications. */
export function applicationAdministrators(applications: Application[], applicationIds: string[]): string[] {
  return unique(applicationIds.map((id) => applications.find((a) => a.id === id)?.administratorId).filter((id): id is string => !!id));
}

export const isRouteProblem = (r: Route | RouteProblem): r is RouteProblem => 'code' in r;

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
