import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKetenbotLines, sqliteFolderPerTest } from '../../../support/ketenbot-cli.ts';

const DEMO_DIRECTORY = 'data/demo-directory.json';
const DEMO_KB = 'data/demo-kb.json';
const DEMO_TOTAL = 23 + 12 + 30;

const folder = sqliteFolderPerTest('ketenbot-cli-cmds-');

/** Runs `ketenbot ...args` in-process against this test's SQLite file. */
async function cli(...args: string[]) {
  const { code, out, err } = await runKetenbotLines(folder.url, args);
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err };
}

/** Writes a JSON file into this test's folder and returns its path. */
function file(name: string, content: unknown): string {
  const path = join(folder.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}
const json = <T = any>(text: string): T => JSON.parse(text) as T;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('ketenbot directory import / export', () => {
  it('imports the demo file and prints the summary line', async () => {
    const result = await cli('directory', 'import', DEMO_DIRECTORY);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(`Imported ${DEMO_DIRECTORY}: ${DEMO_TOTAL} added, 0 updated, 0 unchanged, 0 removed.`);
  });

  it('export prints valid JSON in the import format that imports back as all unchanged', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    const exported = await cli('directory', 'export');
    expect(exported.code).toBe(0);
    const doc = json(exported.out);
    expect(Object.keys(doc).sort()).toEqual(['applications', 'contacts', 'organisations']);
    expect([doc.organisations.length, doc.applications.length, doc.contacts.length]).toEqual([23, 12, 30]);
    expect(doc.organisations.find((o: { id: string }) => o.id === 'org-vp-waaloever')).toMatchObject({ kind: 'care-provider', desk: { hours: { 'mon-fri': '08:30-17:00' } } });

    const path = file('export.json', exported.out);
    const again = await cli('directory', 'import', path);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`Imported ${path}: 0 added, 0 updated, ${DEMO_TOTAL} unchanged, 0 removed.`);
    expect((await cli('directory', 'export')).out).toBe(exported.out);
  });

  it('export of an empty directory is empty lists', async () => {
    const result = await cli('directory', 'export');
    expect(result.code).toBe(0);
    expect(json(result.out)).toEqual({ organisations: [], applications: [], contacts: [] });
  });

  it('an invalid file: exit 1, every problem with its path on stderr, nothing changed', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    const before = (await cli('directory', 'export')).out;
    const doc = json(readFileSync(DEMO_DIRECTORY, 'utf8'));
    doc.organisations[3].desk.phone = '+31 20 555 9999'; // a good change that must not land
    doc.organisations[4].desk.email = 'geen-adres';
    doc.organisations[5].desk.hours = { 'ma-vr': '8 tot 5' };
    doc.applications[1].kind = 'ehr';
    const path = file('bad-directory.json', doc);

    const result = await cli('directory', 'import', path);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.errLines[0]).toBe(`Nothing was imported: 3 problems in ${path}:`);
    expect(result.errLines.slice(1)).toEqual([
      '  organisations[4].desk.email: "geen-adres" is not an e-mail address',
      expect.stringMatching(/^ {2}organisations\[5\]\.desk\.hours: .*"8 tot 5"/),
      expect.stringMatching(/^ {2}applications\[1\]\.kind: must be one of /),
    ]);
    expect((await cli('directory', 'export')).out).toBe(before);
  });

  it('references to unknown organisations: exit 1, each named by its file path, nothing changed', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    const before = (await cli('directory', 'export')).out;
    const partial = {
      organisations: [{ id: 'org-nieuw', name: 'Nieuw', kind: 'care-provider', gtkServiceProviderIds: ['org-gtk-westlink'], desk: { name: 'ICT', hours: '24x7' } }],
      applications: [{ id: 'app-nieuw', name: 'Nieuw', kind: 'viewer', administratorId: 'org-bestaat-niet', usedBy: ['org-nieuw', 'org-vp-helmgras'] }],
      contacts: [{ id: 'contact-nieuw', organisationId: 'org-nergens', name: 'Iemand', role: 'beheer' }],
    };
    const path = file('bad-references.json', partial);
    const result = await cli('directory', 'import', path);
    expect(result.code).toBe(1);
    expect(result.errLines).toEqual([
      `Nothing was imported: 2 problems in ${path}:`,
      '  applications[0].administratorId: unknown organisation "org-bestaat-niet"',
      '  contacts[0].organisationId: unknown organisation "org-nergens"',
    ]);
    expect((await cli('directory', 'export')).out).toBe(before);
  });

  it('a missing file: exit 1 with a message naming it', async () => {
    const missing = join(folder.dir, 'bestaat-niet.json');
    const result = await cli('directory', 'import', missing);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`^Cannot read ${escape(missing)}: .*(ENOENT|no such file)`));
  });

  it('a file that is not JSON: exit 1 with a message naming it', async () => {
    const path = file('kapot.json', '{ "organisations": [ ');
    const result = await cli('directory', 'import', path);
    expect(result.code).toBe(1);
    expect(result.err).toContain(path);
    expect(result.err).toMatch(/JSON/);
  });

  it('--replace removes what the file leaves out', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    const doc = json(readFileSync(DEMO_DIRECTORY, 'utf8'));
    doc.organisations = doc.organisations.filter((o: { id: string }) => o.id !== 'org-lhdz');
    doc.contacts = doc.contacts.filter((c: { organisationId: string }) => c.organisationId !== 'org-lhdz');
    const path = file('smaller.json', doc);
    const result = await cli('directory', 'import', path, '--replace');
    expect(result.code).toBe(0);
    expect(result.out).toBe(`Imported ${path}: 0 added, 0 updated, ${DEMO_TOTAL - 2} unchanged, 2 removed.`);
    expect(json((await cli('directory', 'export')).out).organisations).toHaveLength(22);
  });

  it.each([
    [['directory', 'import']],
    [['directory', 'import', 'a.json', 'b.json']],
    [['directory', 'import', DEMO_DIRECTORY, '--force']],
    [['directory', 'export', 'extra']],
  ])('usage mistakes exit 2 with the usage: %j', async (args) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/Usage: ketenbot directory/);
  });
});

describe('ketenbot kb import / export', () => {
  it('imports the demo knowledge base (after the directory it refers to) and exports it back as unchanged', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    const imported = await cli('kb', 'import', DEMO_KB);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toBe(`Imported ${DEMO_KB}: 54 added, 0 updated, 0 unchanged.`);

    const exported = await cli('kb', 'export');
    expect(exported.code).toBe(0);
    const doc = json<{ entries: Array<Record<string, unknown>> }>(exported.out);
    expect(doc.entries).toHaveLength(54);
    expect(doc.entries[0]).toMatchObject({ published: true, createdBy: 'cli', updatedBy: 'cli' });

    const path = file('kb-export.json', exported.out);
    const again = await cli('kb', 'import', path);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`Imported ${path}: 0 added, 0 updated, 54 unchanged.`);
    expect((await cli('kb', 'export')).out).toBe(exported.out);
  });

  it('an invalid file: exit 1, every problem with its path, nothing changed', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    await cli('kb', 'import', DEMO_KB);
    const before = (await cli('kb', 'export')).out;
    const doc = json(readFileSync(DEMO_KB, 'utf8'));
    doc.entries[0].solution = 'Een goede wijziging die niet mag landen.';
    delete doc.entries[1].title;
    doc.entries[2].language = 'de';
    doc.entries[3].applicationIds = ['app-bestaat-niet'];
    const path = file('bad-kb.json', doc);

    const result = await cli('kb', 'import', path);
    expect(result.code).toBe(1);
    expect(result.errLines).toEqual([
      `Nothing was imported: 3 problems in ${path}:`,
      '  entries[1].title: is required (text)',
      '  entries[2].language: must be "nl" or "en"',
      '  entries[3].applicationIds[0]: unknown application "app-bestaat-niet"',
    ]);
    expect((await cli('kb', 'export')).out).toBe(before);
  });

  it('a missing file: exit 1 with a message naming it', async () => {
    const missing = join(folder.dir, 'geen-kb.json');
    const result = await cli('kb', 'import', missing);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`^Cannot read ${escape(missing)}: .*(ENOENT|no such file)`));
  });

  it('an empty knowledge base exports as no entries', async () => {
    expect(json((await cli('kb', 'export')).out)).toEqual({ entries: [] });
  });

  it.each([[['kb', 'import']], [['kb', 'import', 'a.json', 'b.json']], [['kb', 'export', '--all']]])('usage mistakes exit 2: %j', async (args) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/Usage: ketenbot kb/);
  });
});

describe('ketenbot audit', () => {
  it('--since 1h --json lists the import entries as a JSON array', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    await cli('kb', 'import', DEMO_KB);
    const result = await cli('audit', '--since', '1h', '--json');
    expect(result.code).toBe(0);
    const entries = json<Array<{ id: number; at: string; actor: string; action: string; subjectType: string; subjectId: string; after?: unknown }>>(result.out);
    expect(Array.isArray(entries)).toBe(true);
    expect(entries).toHaveLength(DEMO_TOTAL + 54);
    expect(entries.every((e) => e.actor === 'cli')).toBe(true);
    expect(entries.filter((e) => e.action === 'directory.organisation.add')).toHaveLength(23);
    expect(entries.filter((e) => e.action === 'directory.application.add')).toHaveLength(12);
    expect(entries.filter((e) => e.action === 'directory.contact.add')).toHaveLength(30);
    expect(entries.filter((e) => e.action === 'kb.entry.add')).toHaveLength(54);
    expect(entries.find((e) => e.subjectId === 'org-lhdz')).toMatchObject({ subjectType: 'organisation', after: { id: 'org-lhdz', kind: 'national-helpdesk' } });
    expect(Date.now() - Date.parse(entries[0]!.at)).toBeLessThan(3_600_000);
  });

  it('the text form prints one line per change', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    const result = await cli('audit', '--since', '30m');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines).toHaveLength(DEMO_TOTAL);
    expect(lines).toContainEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\S+Z {2}cli {2}directory\.organisation\.add {2}organisation:org-lhdz$/));
  });

  it('a since after the changes shows none', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(json((await cli('audit', '--since', future, '--json')).out)).toEqual([]);
    const text = await cli('audit', '--since', future);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^No changes since /);
  });

  it('--since nonsense exits 2 naming the option', async () => {
    const result = await cli('audit', '--since', 'nonsense');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--since/);
    expect(result.err).toContain('nonsense');
    expect(result.out).toBe('');
  });

  it('--unknown exits 2 with the usage', async () => {
    const result = await cli('audit', '--unknown');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--unknown/);
    expect(result.err).toMatch(/Usage: ketenbot audit/);
  });
});
