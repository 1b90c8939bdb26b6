import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/domain/audit/audit-entry.ts';
import { importDirectory } from '../../../core/domain/directory/import-directory.ts';
import type { DirectoryDocument } from '../../../core/domain/directory/types.ts';
import { validateDirectory, type Problem } from '../../../core/domain/directory/validate-directory.ts';
import { TypeOrmAuditLog } from '../../../storage/audit/typeorm-audit-log.ts';
import { TypeOrmDirectoryRepository } from '../../../storage/directory/typeorm-directory-repository.ts';
import { migrations } from '../../../storage/migrations/index.ts';
import { DATABASE_KINDS, databasePerTest, openTestDatabase, type DatabaseKind } from '../../support/databases.ts';

const DEMO_TEXT = readFileSync(new URL('../../../data/demo-directory.json', import.meta.url), 'utf8');
/** A fresh copy of the demo file, as a JSON value we may change. */
const demo = (): DirectoryDocument => JSON.parse(DEMO_TEXT) as DirectoryDocument;
/** The demo file as the directory means it (validated: trimmed, "region": null dropped). */
function demoDocument(file: unknown = demo()): DirectoryDocument {
  const result = validateDirectory(file);
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  return result.document;
}
const DEMO_COUNTS = { organisations: 23, applications: 12, contacts: 30 };
const DEMO_TOTAL = 23 + 12 + 30;

const T1 = new Date('2026-02-02T09:00:00.000Z');
const T2 = new Date('2026-02-03T10:00:00.000Z');
const T3 = new Date('2026-02-04T11:00:00.000Z');
const T4 = new Date('2026-02-05T12:00:00.000Z');

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const normalised = (doc: DirectoryDocument) => ({ organisations: byId(doc.organisations), applications: byId(doc.applications), contacts: byId(doc.contacts) });

describe.each(DATABASE_KINDS)('directory import on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const dataSource = db.dataSource;
    const repository = new TypeOrmDirectoryRepository(dataSource);
    const auditLog = new TypeOrmAuditLog(dataSource);
    /** What is stored, read through a new repository (no cache), and the whole audit log. */
    const snapshot = async () => ({
      directory: await new TypeOrmDirectoryRepository(dataSource).load(),
      audit: await auditLog.since(new Date(0)),
    });
    const importFile = (input: unknown, now: Date, replace = false) => importDirectory(repository, input, { replace, actor: 'test:admin', now });
    const importOk = async (input: unknown, now: Date, replace = false) => {
      const result = await importFile(input, now, replace);
      if ('problems' in result) throw new Error(`expected an import, got problems:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
      return result.summary;
    };
    /** Imports a file that must be refused; checks nothing changed; returns the problems. */
    const importRefused = async (input: unknown, now: Date, replace = false): Promise<Problem[]> => {
      const before = await snapshot();
      const result = await importFile(input, now, replace);
      expect(result, 'the import should have been refused').toHaveProperty('problems');
      const after = await snapshot();
      expect(after.directory).toEqual(before.directory);
      expect(after.audit).toEqual(before.audit);
      expect(await repository.load()).toEqual(before.directory);
      return (result as { problems: Problem[] }).problems;
    };
    return { dataSource, repository, auditLog, snapshot, importFile, importOk, importRefused };
  }

  it('importing the demo file into an empty directory adds everything, with one audit entry per entry', async () => {
    const { importOk, snapshot } = await setup();
    expect(await importOk(demo(), T1)).toEqual({ added: DEMO_TOTAL, updated: 0, unchanged: 0, removed: 0 });

    const { directory, audit } = await snapshot();
    expect(directory.organisations).toHaveLength(DEMO_COUNTS.organisations);
    expect(directory.applications).toHaveLength(DEMO_COUNTS.applications);
    expect(directory.contacts).toHaveLength(DEMO_COUNTS.contacts);
    const file = demoDocument();
    expect(normalised(directory)).toEqual(normalised(file));

    expect(audit).toHaveLength(DEMO_TOTAL);
    for (const e of audit) {
      expect(e.at).toBe(T1.toISOString());
      expect(e.actor).toBe('test:admin');
      expect(e).not.toHaveProperty('before');
    }
    const actions = (action: string) => audit.filter((e) => e.action === action).map((e) => e.subjectId).sort();
    expect(actions('directory.organisation.add')).toEqual(file.organisations.map((o) => o.id).sort());
    expect(actions('directory.application.add')).toEqual(file.applications.map((a) => a.id).sort());
    expect(actions('directory.contact.add')).toEqual(file.contacts.map((c) => c.id).sort());
    const lindendael = audit.find((e) => e.subjectId === 'org-ziekenhuis-lindendael')!;
    expect(lindendael.subjectType).toBe('organisation');
    expect(lindendael.after).toEqual(file.organisations.find((o) => o.id === 'org-ziekenhuis-lindendael'));
  });

  it('importing the same file again changes nothing and writes no audit entries', async () => {
    const { importOk, snapshot } = await setup();
    await importOk(demo(), T1);
    const before = await snapshot();
    expect(await importOk(demo(), T2)).toEqual({ added: 0, updated: 0, unchanged: DEMO_TOTAL, removed: 0 });
    const after = await snapshot();
    expect(after).toEqual(before);
  });

  it('a partial file that changes one desk phone updates just that organisation, audited with before and after', async () => {
    const { importOk, snapshot } = await setup();
    await importOk(demo(), T1);
    const before = await snapshot();

    const waaloever = demoDocument().organisations.find((o) => o.id === 'org-vp-waaloever')!;
    const changed = { ...waaloever, desk: { ...waaloever.desk, phone: '+31 20 555 9999' } };
    // A new application that only references organisations already stored.
    const partial = {
      organisations: [changed],
      applications: [{ id: 'app-nieuw', name: 'Nieuwe viewer', kind: 'viewer', administratorId: 'org-lev-panorama', usedBy: ['org-vp-waaloever', 'org-kz-het-getij'] }],
      contacts: [{ id: 'contact-nieuw', organisationId: 'org-vp-waaloever', name: 'Nieuwe Collega', role: 'praktijkmanager' }],
    };
    expect(await importOk(partial, T2)).toEqual({ added: 2, updated: 1, unchanged: 0, removed: 0 });

    const after = await snapshot();
    const stored = after.directory.organisations.find((o) => o.id === 'org-vp-waaloever')!;
    expect(stored.desk.phone).toBe('+31 20 555 9999');
    expect(stored).toEqual(changed);
    // everything else is as it was
    expect(after.directory.organisations.filter((o) => o.id !== 'org-vp-waaloever')).toEqual(before.directory.organisations.filter((o) => o.id !== 'org-vp-waaloever'));
    expect(after.directory.applications).toHaveLength(DEMO_COUNTS.applications + 1);
    expect(after.directory.contacts).toHaveLength(DEMO_COUNTS.contacts + 1);

    const added = after.audit.slice(before.audit.length);
    expect(added.map((e) => [e.action, e.subjectId]).sort()).toEqual([
      ['directory.application.add', 'app-nieuw'],
      ['directory.contact.add', 'contact-nieuw'],
      ['directory.organisation.update', 'org-vp-waaloever'],
    ]);
    const update = added.find((e) => e.action === 'directory.organisation.update')!;
    expect(update).toMatchObject({ at: T2.toISOString(), actor: 'test:admin', subjectType: 'organisation' });
    expect(update.before).toEqual(waaloever);
    expect(update.after).toEqual(changed);
    expect((update.before as typeof waaloever).desk.phone).toBe('+31 20 555 0105');
  });

  describe('a file with any problem changes nothing at all', () => {
    it('a reference to an organisation neither in the file nor stored is named by its file path', async () => {
      const { importOk, importRefused } = await setup();
      await importOk(demo(), T1);
      const problems = await importRefused({
        applications: [
          { id: 'app-medicura-epd', name: 'Medicura EPD (nieuw)', kind: 'source-system', administratorId: 'org-lev-medicura', usedBy: ['org-ziekenhuis-lindendael'] },
          { id: 'app-x', name: 'X', kind: 'other', administratorId: 'org-bestaat-niet', usedBy: ['org-vp-waaloever', 'org-ook-niet'] },
        ],
        contacts: [{ id: 'contact-x', organisationId: 'org-nergens', name: 'X', role: 'y' }],
      }, T2);
      expect(problems).toEqual([
        { path: 'applications[1].administratorId', message: 'unknown organisation "org-bestaat-niet"' },
        { path: 'applications[1].usedBy[1]', message: 'unknown organisation "org-ook-niet"' },
        { path: 'contacts[0].organisationId', message: 'unknown organisation "org-nergens"' },
      ]);
    });

    it('the same holds on an empty directory', async () => {
      const { importRefused, snapshot } = await setup();
      const file = demo();
      file.applications[0]!.administratorId = 'org-bestaat-niet';
      const problems = await importRefused(file, T1);
      expect(problems.map((p) => p.path)).toEqual(['applications[0].administratorId']);
      expect((await snapshot()).directory).toEqual({ organisations: [], applications: [], contacts: [] });
    });

    it('one bad field among good changes: every problem with its file path, no change stored', async () => {
      const { importOk, importRefused } = await setup();
      await importOk(demo(), T1);
      const file = demo();
      file.organisations[3]!.desk.phone = '+31 20 555 9999'; // a good change that must not land
      file.organisations[4]!.desk.email = 'geen-adres';
      file.organisations[5]!.desk.hours = { 'ma-vr': '8 tot 5' };
      (file.applications[2] as { kind: string }).kind = 'ehr';
      file.contacts.push({ ...file.contacts[0]!, name: 'Dubbel' });
      const problems = await importRefused(file, T2);
      expect(problems.map((p) => p.path).sort()).toEqual([
        'applications[2].kind',
        'contacts[30].id',
        'organisations[4].desk.email',
        'organisations[5].desk.hours',
      ]);
    });

    it('a file that is not a directory at all', async () => {
      const { importOk, importRefused } = await setup();
      await importOk(demo(), T1);
      expect(await importRefused([demo()], T2)).toEqual([{ path: '$', message: expect.any(String) }]);
      expect((await importRefused({ organisations: 'all of them' }, T2)).map((p) => p.path)).toEqual(['organisations']);
    });

    it('a change that breaks a STORED entry names it as stored', async () => {
      const { importOk, importRefused } = await setup();
      await importOk(demo(), T1);
      // Geboortenet is no longer a GtK service provider: stored care providers still point at it.
      const geboortenet = { ...demo().organisations.find((o) => o.id === 'org-gtk-geboortenet')!, kind: 'supplier' };
      const problems = await importRefused({ organisations: [geboortenet] }, T2);
      expect(problems.map((p) => p.path).sort()).toEqual([
        'stored organisations "org-kz-ooievaarsnest".gtkServiceProviderIds[1]',
        'stored organisations "org-kz-wiegewijs".gtkServiceProviderIds[1]',
        'stored organisations "org-ziekenhuis-duinzicht".gtkServiceProviderIds[1]',
        'stored organisations "org-ziekenhuis-lindendael".gtkServiceProviderIds[1]',
      ]);
      for (const p of problems) expect(p.message).toBe('"org-gtk-geboortenet" is a supplier, not a gtk-service-provider');
    });
  });

  describe('replace: true', () => {
    it('removes the entries missing from a smaller file, audited with what was removed', async () => {
      const { importOk, snapshot } = await setup();
      await importOk(demo(), T1);
      const before = await snapshot();
      const file = demo();
      file.organisations = file.organisations.filter((o) => o.id !== 'org-lhdz');
      file.contacts = file.contacts.filter((c) => c.organisationId !== 'org-lhdz' && c.id !== 'contact-joris-van-dalen');
      expect(await importOk(file, T2, true)).toEqual({ added: 0, updated: 0, unchanged: DEMO_TOTAL - 3, removed: 3 });

      const after = await snapshot();
      expect(after.directory.organisations.map((o) => o.id)).not.toContain('org-lhdz');
      expect(after.directory.contacts.map((c) => c.id)).not.toContain('contact-joris-van-dalen');
      expect(after.directory.contacts).toHaveLength(DEMO_COUNTS.contacts - 2);
      expect(normalised(after.directory)).toEqual(normalised(demoDocument(file)));

      const removed = after.audit.slice(before.audit.length);
      expect(removed).toHaveLength(3);
      for (const e of removed) {
        expect(e.action).toMatch(/^directory\.(organisation|contact)\.remove$/);
        expect(e.at).toBe(T2.toISOString());
        expect(e).not.toHaveProperty('after');
      }
      expect(removed.find((e) => e.subjectId === 'org-lhdz')?.before).toEqual(demoDocument().organisations.find((o) => o.id === 'org-lhdz'));
    });

    it('without replace the same smaller file removes nothing', async () => {
      const { importOk, snapshot } = await setup();
      await importOk(demo(), T1);
      const file = demo();
      file.organisations = file.organisations.filter((o) => o.id !== 'org-lhdz');
      file.contacts = file.contacts.filter((c) => c.organisationId !== 'org-lhdz');
      expect(await importOk(file, T2)).toEqual({ added: 0, updated: 0, unchanged: DEMO_TOTAL - 2, removed: 0 });
      expect((await snapshot()).directory.organisations).toHaveLength(DEMO_COUNTS.organisations);
    });

    it('refuses when a kept entry still references a removed one, naming the kept entry', async () => {
      const { importOk, importRefused } = await setup();
      await importOk(demo(), T1);
      const file = demo();
      file.organisations = file.organisations.filter((o) => o.id !== 'org-lev-panorama');
      const problems = await importRefused(file, T2, true);
      const expected = [
        ...file.applications.flatMap((a, i) => (a.administratorId === 'org-lev-panorama' ? [`applications[${i}].administratorId`] : [])),
        ...file.contacts.flatMap((c, i) => (c.organisationId === 'org-lev-panorama' ? [`contacts[${i}].organisationId`] : [])),
      ];
      expect(expected).toHaveLength(4);
      expect(problems.map((p) => p.path).sort()).toEqual(expected.sort());
      for (const p of problems) expect(p.message).toBe('unknown organisation "org-lev-panorama"');
    });

    it('an empty file with replace empties the directory', async () => {
      const { importOk, snapshot } = await setup();
      await importOk(demo(), T1);
      expect(await importOk({ organisations: [], applications: [], contacts: [] }, T2, true)).toEqual({ added: 0, updated: 0, unchanged: 0, removed: DEMO_TOTAL });
      expect((await snapshot()).directory).toEqual({ organisations: [], applications: [], contacts: [] });
    });
  });

  it('export (load()) imports back as all unchanged, here and into another database', async () => {
    const { importOk, repository, snapshot } = await setup();
    await importOk(demo(), T1);
    const exported = JSON.parse(JSON.stringify(await repository.load())) as DirectoryDocument;
    const before = await snapshot();
    expect(await importOk(exported, T2)).toEqual({ added: 0, updated: 0, unchanged: DEMO_TOTAL, removed: 0 });
    expect(await importOk(exported, T3, true)).toEqual({ added: 0, updated: 0, unchanged: DEMO_TOTAL, removed: 0 });
    expect(await snapshot()).toEqual(before);

    const other = await openTestDatabase(kind);
    try {
      const otherRepository = new TypeOrmDirectoryRepository(other.dataSource);
      const result = await importDirectory(otherRepository, exported, { replace: false, actor: 'test:admin', now: T4 });
      expect(result).toEqual({ summary: { added: DEMO_TOTAL, updated: 0, unchanged: 0, removed: 0 } });
      expect(normalised(await new TypeOrmDirectoryRepository(other.dataSource).load())).toEqual(normalised(exported));
    } finally {
      await other.dispose();
    }
  });

  describe('e-mail alerts (contact.emailAlerts)', () => {
    const OPTED_IN = ['contact-hanneke-de-graaf', 'contact-joris-van-dalen'];
    const optedIn = (doc: DirectoryDocument) => doc.contacts.filter((c) => c.emailAlerts).map((c) => c.id).sort();

    it('round-trips: stored as imported, exported only where true, and imports back as unchanged', async () => {
      const { importOk, repository, snapshot } = await setup();
      await importOk(demo(), T1);
      const { directory } = await snapshot();
      expect(optedIn(directory)).toEqual(OPTED_IN);
      for (const c of directory.contacts) expect(c.emailAlerts === undefined || c.emailAlerts === true).toBe(true);
      const exported = JSON.parse(JSON.stringify(await repository.load())) as DirectoryDocument;
      expect(exported.contacts.find((c) => c.id === 'contact-joris-van-dalen')).toMatchObject({ emailAlerts: true });
      expect(exported.contacts.find((c) => c.id === 'contact-marleen-hoekstra')).not.toHaveProperty('emailAlerts');
      expect(await importOk(exported, T2)).toEqual({ added: 0, updated: 0, unchanged: DEMO_TOTAL, removed: 0 });
    });

    it('opting in and out are updates, audited; false is stored as not opted in', async () => {
      const { importOk, snapshot } = await setup();
      await importOk(demo(), T1);
      const file = demo();
      const joris = file.contacts.find((c) => c.id === 'contact-joris-van-dalen')!;
      const marleen = file.contacts.find((c) => c.id === 'contact-marleen-hoekstra')!;
      joris.emailAlerts = false;
      marleen.emailAlerts = true;
      expect(await importOk({ contacts: [joris, marleen] }, T2)).toEqual({ added: 0, updated: 2, unchanged: 0, removed: 0 });
      const after = await snapshot();
      expect(optedIn(after.directory)).toEqual(['contact-hanneke-de-graaf', 'contact-marleen-hoekstra']);
      expect(after.directory.contacts.find((c) => c.id === 'contact-joris-van-dalen')).not.toHaveProperty('emailAlerts');
      const updates = after.audit.filter((e) => e.action === 'directory.contact.update');
      expect(updates.map((e) => e.subjectId).sort()).toEqual(['contact-joris-van-dalen', 'contact-marleen-hoekstra']);
      expect(updates.find((e) => e.subjectId === 'contact-joris-van-dalen')).toMatchObject({ before: { emailAlerts: true } });
    });

    it('saveContact keeps and clears it', async () => {
      const { importOk, repository, snapshot } = await setup();
      await importOk(demo(), T1);
      const erik = (await repository.load()).contacts.find((c) => c.id === 'contact-erik-smits')!;
      const audit = { at: T2.toISOString(), actor: 'cli', action: 'directory.contact.update', subjectType: 'contact', subjectId: erik.id };
      await repository.saveContact({ ...erik, emailAlerts: true }, audit);
      expect((await snapshot()).directory.contacts.find((c) => c.id === erik.id)).toEqual({ ...erik, emailAlerts: true });
      await repository.saveContact(erik, { ...audit, at: T3.toISOString() });
      expect((await snapshot()).directory.contacts.find((c) => c.id === erik.id)).toEqual(erik);
    });

    it('the migration adds the column to a filled contact table: everyone stored before is not opted in', async () => {
      const { importOk, dataSource, snapshot } = await setup();
      await importOk(demo(), T1);
      const index = migrations.findIndex((m) => m.name === 'ContactEmailAlerts1763800000009');
      expect(index).toBeGreaterThanOrEqual(0);
      for (let i = migrations.length - 1; i >= index; i--) await dataSource.undoLastMigration({ transaction: 'each' });
      const columns: Array<Record<string, unknown>> = kind === 'sqlite'
        ? await dataSource.query(`PRAGMA table_info('contact')`)
        : await dataSource.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'contact'`);
      expect(columns.map((c) => c.name)).not.toContain('email_alerts');
      await dataSource.runMigrations({ transaction: 'each' });
      const { directory } = await snapshot();
      expect(directory.contacts).toHaveLength(DEMO_COUNTS.contacts);
      expect(optedIn(directory)).toEqual([]);
      expect(normalised(directory).contacts).toEqual(normalised(demoDocument()).contacts.map(({ emailAlerts: _e, ...c }) => c));
    });
  });

  it('saveContact updates a contact and records the audit entry in the log', async () => {
    const { importOk, repository, snapshot, auditLog } = await setup();
    await importOk(demo(), T1);
    await repository.load(); // fill the cache: the change must still show
    const before = (await repository.load()).contacts.find((c) => c.id === 'contact-joris-van-dalen')!;
    const after = { ...before, phone: '+31 6 1234 5678', role: 'teamleider servicedesk' };
    const entry: AuditEntry = { at: T2.toISOString(), actor: 'teams:user-1', action: 'directory.contact.update', subjectType: 'contact', subjectId: after.id, before, after };
    await repository.saveContact(after, entry);

    expect((await repository.load()).contacts.find((c) => c.id === after.id)).toEqual(after);
    const { directory } = await snapshot();
    expect(directory.contacts.find((c) => c.id === after.id)).toEqual(after);
    expect(directory.contacts).toHaveLength(DEMO_COUNTS.contacts);
    const since = await auditLog.since(T2);
    expect(since).toHaveLength(1);
    expect(since[0]).toMatchObject({ ...entry, id: expect.any(Number) });
  });

  it('saveContact can clear a phone number', async () => {
    const { importOk, repository, snapshot } = await setup();
    await importOk(demo(), T1);
    const { phone: _phone, ...withoutPhone } = (await repository.load()).contacts.find((c) => c.id === 'contact-erik-smits')!;
    await repository.saveContact(withoutPhone, { at: T2.toISOString(), actor: 'cli', action: 'directory.contact.update', subjectType: 'contact', subjectId: withoutPhone.id });
    expect((await snapshot()).directory.contacts.find((c) => c.id === 'contact-erik-smits')).toEqual(withoutPhone);
  });
});
