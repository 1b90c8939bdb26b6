/** The kinds of organisation in the chain (DOMAIN.md "Who is who"). */
export const ORGANISATION_KINDS = [
  'care-provider',
  'supplier',
  'gtk-service-provider',
  'common-facility',
  'rso',
  'national-coordination',
  'national-helpdesk',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const APPLICATION_KINDS = ['gtk', 'source-system', 'viewer', 'common-facility', 'other'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/**
 * Opening hours as the directory file writes them: "24x7", or day specs to time ranges,
 * e.g. { "mon-fri": "08:00-17:00", "sat": "09:00-12:00" } (times in Europe/Amsterdam).
 */
export type OpeningHoursSpec = '24x7' | Record<string, string>;

export interface Desk {
  name: string;
  phone?: string;
  email?: string;
  url?: string;
  hours: OpeningHoursSpec;
}

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  region?: string;
  /** For care providers: the GtK service providers they are connected to. */
  gtkServiceProviderIds: string[];
  desk: Desk;
}

export interface Application {
  id: string;
  name: string;
  kind: ApplicationKind;
  /** The one organisation that administers it. */
  administratorId: string;
  /** The organisations that use it. */
  usedBy: string[];
}

export interface Contact {
  id: string;
  organisationId: string;
  name: string;
  role: string;
  phone?: string;
  email?: string;
  /** Opted in to incident alerts by e-mail (at `email`); absent means no. */
  emailAlerts?: boolean;
}

/** The directory as imported and exported (the format of shared/data/directory-sample.json). */
export interface DirectoryDocument {
  organisations: Organisation[];
  applications: Application[];
  contacts: Contact[];
}
