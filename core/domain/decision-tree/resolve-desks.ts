import type { Application, Contact, DirectoryDocument, Organisation } from '../directory/types.ts';
import type { DeskRule } from './types.ts';

/** What the tree knows when it reaches an outcome. */
export interface TreeFacts {
  directory: DirectoryDocument;
  organisation?: Organisation;
  applicationId?: string;
  chosenOrganisationId?: string;
  /** Contacts of the people with the administrator role on an organisation. */
  administratorContacts(organisationId: string): Promise<Contact[]>;
}

export type DeskNote =
  | 'no-rso-in-region' | 'no-administrator-known' | 'no-gtk-known' | 'unknown-organisation'
  /** The user's organisation is not in the directory: every RSO is shown, as the region is unknown. */
  | 'rso-region-unknown'
  /** The user's organisation is not in the directory: who arranges accounts, and how to get connected. */
  | 'administrator-unlisted';

export interface ResolvedDesk {
  organisations: Organisation[];
  /** Named people instead of (or besides) a desk: the responsible administrators. */
  people: Contact[];
  /** Why the desk shown is not the one the rule names (e.g. no RSO in this region). */
  note?: DeskNote;
}

const firstOfKind = (d: DirectoryDocument, kind: Organisation['kind']) => d.organisations.filter((o) => o.kind === kind);
const byId = (d: DirectoryDocument, id: string | undefined) => (id ? d.organisations.find((o) => o.id === id) : undefined);

/**
 * Turns a desk rule into real desks from the directory and the user's organisation. When the rule
 * cannot be met (no RSO in the region, no administrator known) it falls back to the desk that can
 * help instead, and says so.
 */
export async function resolveDesk(rule: DeskRule, facts: TreeFacts): Promise<ResolvedDesk> {
  const d = facts.directory;
  const own = facts.organisation;
  const app: Application | undefined = d.applications.find((a) => a.id === ('application' in rule && rule.application ? rule.application : facts.applicationId));
  const found = (organisations: Array<Organisation | undefined>, note?: DeskNote): ResolvedDesk => ({
    organisations: organisations.filter((o): o is Organisation => Boolean(o)),
    people: [],
    ...(note ? { note } : {}),
  });
  const national = () => found(firstOfKind(d, 'national-helpdesk'));

  switch (rule.rule) {
    case 'own-helpdesk':
      return own ? found([own]) : found([], 'unknown-organisation');
    case 'own-supplier':
    case 'application-administrator':
      return app ? found([byId(d, app.administratorId)]) : own ? found([own]) : found([], 'unknown-organisation');
    case 'own-gtk-service-provider': {
      const mine = (own?.gtkServiceProviderIds ?? []).map((id) => byId(d, id));
      const ofApp = app && (mine.find((o) => o?.id === app.administratorId) ?? (!mine.length ? gtkOf(d, app) : undefined));
      if (ofApp) return found([ofApp]);
      if (mine.length) return found(mine);
      // Not a care provider (a supplier's or GtK's desk) or not listed: the GtK service providers of the care providers that use the application.
      const ofUsers = app ? gtksOfUsers(d, app).filter((o) => o.id !== own?.id) : [];
      if (ofUsers.length) return found(ofUsers);
      return own ? found([own], 'no-gtk-known') : found([], 'unknown-organisation');
    }
    case 'rso-of-region': {
      if (!own) return { ...found([...firstOfKind(d, 'rso'), ...firstOfKind(d, 'national-helpdesk')]), note: 'rso-region-unknown' };
      const rso = d.organisations.filter((o) => o.kind === 'rso' && own.region && o.region === own.region);
      return rso.length ? found(rso) : { ...national(), note: 'no-rso-in-region' };
    }
    case 'national-helpdesk':
      return national();
    case 'chain-coordination':
      return found(firstOfKind(d, 'national-coordination'));
    case 'organisation':
      return found([byId(d, rule.organisationId)]);
    case 'chosen-organisation':
      return found([byId(d, facts.chosenOrganisationId)]);
    case 'responsible-administrator': {
      if (!own) return found([], 'administrator-unlisted');
      const people = await facts.administratorContacts(own.id);
      return people.length ? { organisations: [], people } : found([own], 'no-administrator-known');
    }
  }
}

/** The application's own administrator, when that is a GtK service provider. */
function gtkOf(d: DirectoryDocument, app: Application): Organisation | undefined {
  const admin = byId(d, app.administratorId);
  return admin?.kind === 'gtk-service-provider' ? admin : undefined;
}

/** The GtK service providers the care providers using this application are connected to, by name. */
function gtksOfUsers(d: DirectoryDocument, app: Application): Organisation[] {
  const ids = new Set(app.usedBy.flatMap((id) => byId(d, id)?.gtkServiceProviderIds ?? []));
  return d.organisations.filter((o) => ids.has(o.id)).sort((a, b) => a.name.localeCompare(b.name));
}
