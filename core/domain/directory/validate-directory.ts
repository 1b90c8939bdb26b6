import { findCitizenServiceNumbersIn } from '../privacy/citizen-service-number.ts';
import { parseOpeningHours } from './opening-hours.ts';
import {
  APPLICATION_KINDS,
  ORGANISATION_KINDS,
  type Application,
  type Contact,
  type DirectoryDocument,
  type Organisation,
} from './types.ts';

export interface Problem {
  /** Where in the file, e.g. "applications[2].administratorId". */
  path: string;
  message: string;
}

type Json = Record<string, unknown>;
const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a whole directory file before anything is stored: shapes, kinds, opening hours, unique
 * ids and every reference between organisations, applications and contacts. Returns every
 * problem with its path, or the typed document when there are none.
 */
export function validateDirectory(input: unknown, options: { references?: boolean } = {}): { document: DirectoryDocument } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(input)) return { problems: [{ path: '$', message: 'must be a JSON object with organisations, applications and contacts' }] };

  const list = (key: string): Json[] => {
    const value = input[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) { add(key, 'must be a list'); return []; }
    return value.map((item, i) => (isObject(item) ? item : (add(`${key}[${i}]`, 'must be an object'), {})));
  };
  const rawOrgs = list('organisations');
  const rawApps = list('applications');
  const rawContacts = list('contacts');

  const orgs = rawOrgs.map((o, i) => readOrganisation(o, `organisations[${i}]`, add));
  const apps = rawApps.map((a, i) => readApplication(a, `applications[${i}]`, add));
  const contacts = rawContacts.map((c, i) => readContact(c, `contacts[${i}]`, add));

  uniqueIds(orgs, 'organisations', add);
  uniqueIds(apps, 'applications', add);
  uniqueIds(contacts, 'contacts', add);

  orgs.forEach((o, i) => refuseNumbers({ name: o.name, region: o.region, 'desk.name': o.desk.name, 'desk.phone': o.desk.phone, 'desk.email': o.desk.email, 'desk.url': o.desk.url }, `organisations[${i}]`, add));
  apps.forEach((a, i) => refuseNumbers({ name: a.name }, `applications[${i}]`, add));
  contacts.forEach((c, i) => refuseNumbers({ name: c.name, role: c.role, phone: c.phone, email: c.email }, `contacts[${i}]`, add));

  const document = { organisations: orgs, applications: apps, contacts };
  if (options.references !== false) problems.push(...referenceProblems(document, (section, i) => `${section}[${i}]`));
  return problems.length ? { problems } : { document };
}

/** Every reference that does not resolve; `at` names an entry's place (the file index, or "stored …"). */
export function referenceProblems(doc: DirectoryDocument, at: (section: keyof DirectoryDocument, index: number) => string): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const orgById = new Map(doc.organisations.map((o) => [o.id, o]));
  doc.organisations.forEach((o, i) =>
    o.gtkServiceProviderIds.forEach((id, j) => {
      const target = orgById.get(id);
      if (!target) add(`${at('organisations', i)}.gtkServiceProviderIds[${j}]`, `unknown organisation "${id}"`);
      else if (target.kind !== 'gtk-service-provider') add(`${at('organisations', i)}.gtkServiceProviderIds[${j}]`, `"${id}" is a ${target.kind}, not a gtk-service-provider`);
    }),
  );
  doc.applications.forEach((a, i) => {
    if (a.administratorId && !orgById.has(a.administratorId)) add(`${at('applications', i)}.administratorId`, `unknown organisation "${a.administratorId}"`);
    a.usedBy.forEach((id, j) => { if (!orgById.has(id)) add(`${at('applications', i)}.usedBy[${j}]`, `unknown organisation "${id}"`); });
  });
  doc.contacts.forEach((c, i) => {
    if (c.organisationId && !orgById.has(c.organisationId)) add(`${at('contacts', i)}.organisationId`, `unknown organisation "${c.organisationId}"`);
  });
  return problems;
}

type Add = (path: string, message: string) => void;

/** The directory is about organisations and colleagues, never patients: a citizen service number in any text is refused. */
function refuseNumbers(fields: Record<string, string | undefined>, path: string, add: Add): void {
  for (const [key, found] of Object.entries(findCitizenServiceNumbersIn(fields))) {
    add(`${path}.${key}`, `contains a citizen service number (BSN) "${found}": the directory is about organisations and colleagues, never patients; remove it`);
  }
}

function readOrganisation(o: Json, path: string, add: Add): Organisation {
  const desk = isObject(o.desk) ? o.desk : (add(`${path}.desk`, 'is required (name, phone, email, hours)'), {});
  const hours = desk.hours;
  if (hours === undefined) add(`${path}.desk.hours`, 'is required: "24x7" or a table like {"mon-fri": "08:30-17:00"}');
  else {
    const parsed = parseOpeningHours(hours);
    if ('error' in parsed) add(`${path}.desk.hours`, parsed.error);
  }
  const kind = text(o, 'kind', path, add);
  if (kind && !(ORGANISATION_KINDS as readonly string[]).includes(kind)) add(`${path}.kind`, `must be one of ${ORGANISATION_KINDS.join(', ')}`);
  const email = optionalText(desk, 'email', `${path}.desk`, add);
  if (email && !EMAIL.test(email)) add(`${path}.desk.email`, `"${email}" is not an e-mail address`);
  const url = optionalText(desk, 'url', `${path}.desk`, add);
  if (url && !/^https?:\/\/\S+$/i.test(url)) add(`${path}.desk.url`, `"${url}" is not an http(s) address`);
  const region = optionalText(o, 'region', path, add);
  const phone = optionalText(desk, 'phone', `${path}.desk`, add);
  return {
    id: id(o, path, add),
    name: text(o, 'name', path, add),
    kind: kind as Organisation['kind'],
    ...(region ? { region } : {}),
    gtkServiceProviderIds: ids(o, 'gtkServiceProviderIds', path, add),
    desk: {
      name: text(desk, 'name', `${path}.desk`, add),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      ...(url ? { url } : {}),
      hours: hours as Organisation['desk']['hours'],
    },
  };
}

function readApplication(a: Json, path: string, add: Add): Application {
  const kind = text(a, 'kind', path, add);
  if (kind && !(APPLICATION_KINDS as readonly string[]).includes(kind)) add(`${path}.kind`, `must be one of ${APPLICATION_KINDS.join(', ')}`);
  return {
    id: id(a, path, add),
    name: text(a, 'name', path, add),
    kind: kind as Application['kind'],
    administratorId: text(a, 'administratorId', path, add),
    usedBy: ids(a, 'usedBy', path, add),
  };
}

function readContact(c: Json, path: string, add: Add): Contact {
  const email = optionalText(c, 'email', path, add);
  if (email && !EMAIL.test(email)) add(`${path}.email`, `"${email}" is not an e-mail address`);
  const phone = optionalText(c, 'phone', path, add);
  const emailAlerts = c.emailAlerts;
  if (emailAlerts !== undefined && emailAlerts !== null && typeof emailAlerts !== 'boolean') add(`${path}.emailAlerts`, 'must be true or false');
  return {
    id: id(c, path, add),
    organisationId: text(c, 'organisationId', path, add),
    name: text(c, 'name', path, add),
    role: optionalText(c, 'role', path, add) ?? '',
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(emailAlerts === true ? { emailAlerts: true } : {}),
  };
}

function uniqueIds<T extends { id: string }>(items: T[], key: string, add: Add): Map<string, T> {
  const byId = new Map<string, T>();
  items.forEach((item, i) => {
    if (!item.id) return;
    if (byId.has(item.id)) add(`${key}[${i}].id`, `duplicate id "${item.id}"`);
    else byId.set(item.id, item);
  });
  return byId;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(o: Json, key: string, path: string, add: Add): string {
  const value = o[key];
  if (typeof value !== 'string' || !value.trim()) { add(`${path}.${key}`, 'is required (text)'); return ''; }
  return value.trim();
}

function optionalText(o: Json, key: string, path: string, add: Add): string | undefined {
  const value = o[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') { add(`${path}.${key}`, 'must be text'); return undefined; }
  return value.trim() || undefined;
}

function id(o: Json, path: string, add: Add): string {
  const value = text(o, 'id', path, add);
  if (value && !ID.test(value)) add(`${path}.id`, `"${value}" may contain only letters, digits, ".", "_" and "-"`);
  return value;
}

function ids(o: Json, key: string, path: string, add: Add): string[] {
  const value = o[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) { add(`${path}.${key}`, 'must be a list of ids'); return []; }
  return value as string[];
}
