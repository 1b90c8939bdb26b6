import { authorize, type Decision } from '../access/permissions.ts';
import { hasRole, isCoordinator, type Person } from '../access/types.ts';
import type { DirectoryDocument } from '../directory/types.ts';

/**
 * Which decision tree a person manages (seed 000): chain coordination the national tree, an RSO's
 * administrator the regional variant of that RSO's region ("Regionaal verwijzen RSO's via lokale
 * beslisboom naar landelijke content"), which the people of that region walk instead. A chain
 * coordinator may also name a region. `region` undefined = the national tree.
 */
export type TreeScope = { allowed: true; region?: string } | Extract<Decision, { allowed: false }> | { allowed: false; unknownRegion: string };

export function treeScopeFor(person: Person, directory: DirectoryDocument, namedRegion?: string): TreeScope {
  const region = namedRegion ? regionNamed(directory, namedRegion) : undefined;
  if (namedRegion && !region) return { allowed: false, unknownRegion: namedRegion };
  if (isCoordinator(person)) return { allowed: true, ...(region ? { region } : {}) };
  const rsos = directory.organisations.filter((o) => o.kind === 'rso' && o.region && hasRole(person, 'administrator', o.id));
  const own = rsos.find((o) => !region || o.region === region);
  if (own) return authorize(person, 'tree.regional', [own.id]).allowed ? { allowed: true, region: own.region! } : { allowed: false, neededRole: 'administrator', organisationId: own.id };
  return { allowed: false, neededRole: 'chain-coordinator' };
}

/** The region of this organisation (its own, as the directory has it), for choosing the tree a person walks. */
export function regionOf(directory: DirectoryDocument, organisationId: string | undefined): string | undefined {
  return organisationId ? directory.organisations.find((o) => o.id === organisationId)?.region : undefined;
}

/** A region as the directory spells it, whatever the case the person typed. */
function regionNamed(directory: DirectoryDocument, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  return directory.organisations.map((o) => o.region).find((r): r is string => !!r && r.toLowerCase() === wanted);
}
