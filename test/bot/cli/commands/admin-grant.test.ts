import { describe, expect, it } from 'vitest';
import { runKetenbot, sqliteFolderPerTest } from '../../../support/ketenbot-cli.ts';

const DEMO_DIRECTORY = 'data/demo-directory.json';

const folder = sqliteFolderPerTest('ketenbot-cli-grant-');

/** Runs `ketenbot ...args` in-process against this test's SQLite file. */
const cli = (...args: string[]) => runKetenbot(folder.url, args);

interface AuditJson { at: string; actor: string; action: string; subjectType: string; subjectId: string; before?: unknown; after?: { roles?: unknown; organisationIds?: unknown } }
const auditOf = async (): Promise<AuditJson[]> => {
  const result = await cli('audit', '--json');
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as AuditJson[];
};

describe('ketenbot admin grant', () => {
  it('the first chain coordinator of a new installation: exit 0 and one line saying what the person now has', async () => {
    const result = await cli('admin', 'grant', 'slack:U1', 'coordinator');
    expect(result).toEqual({ code: 0, out: 'slack:U1 now has: chain-coordinator', err: '' });
  });

  it('the grant is in the audit log (actor "cli", action role.grant, the person before and after)', async () => {
    await cli('admin', 'grant', 'slack:U1', 'coordinator');
    const grants = (await auditOf()).filter((e) => e.action === 'role.grant');
    expect(grants).toEqual([expect.objectContaining({ actor: 'cli', action: 'role.grant', subjectType: 'person', subjectId: 'slack:U1' })]);
    expect(grants[0]!.after).toMatchObject({ roles: [{ role: 'chain-coordinator' }], organisationIds: [] });
    expect(Date.now() - Date.parse(grants[0]!.at)).toBeLessThan(60_000);
  });

  it('an organisation role on a known organisation: roles combine, and the person is linked', async () => {
    expect((await cli('directory', 'import', DEMO_DIRECTORY)).code).toBe(0);
    expect(await cli('admin', 'grant', 'teams:00000000-0000-0000-0000-00000000000a', 'administrator', 'org-gtk-westlink')).toEqual({
      code: 0, out: 'teams:00000000-0000-0000-0000-00000000000a now has: administrator@org-gtk-westlink', err: '',
    });
    expect(await cli('admin', 'grant', 'teams:00000000-0000-0000-0000-00000000000a', 'service-manager', 'org-gtk-rivierennet')).toEqual({
      code: 0, out: 'teams:00000000-0000-0000-0000-00000000000a now has: administrator@org-gtk-westlink, service-manager@org-gtk-rivierennet', err: '',
    });
    const last = (await auditOf()).filter((e) => e.action === 'role.grant').at(-1)!;
    expect(last.after).toMatchObject({ organisationIds: ['org-gtk-westlink', 'org-gtk-rivierennet'] });
  });

  it('granting the same thing twice lists it once', async () => {
    await cli('admin', 'grant', 'local:u-1', 'coordinator');
    expect((await cli('admin', 'grant', 'local:u-1', 'chain-coordinator')).out).toBe('local:u-1 now has: chain-coordinator');
  });

  it('administrator without an organisation: exit 2 with the usage, nothing granted', async () => {
    const result = await cli('admin', 'grant', 'slack:U1', 'administrator');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/organisation/);
    expect(result.err).toContain('Usage: ketenbot admin grant');
    expect((await auditOf()).filter((e) => e.action === 'role.grant')).toEqual([]);
  });

  it('an unknown organisation: exit 1 naming it, nothing granted', async () => {
    await cli('directory', 'import', DEMO_DIRECTORY);
    const result = await cli('admin', 'grant', 'slack:U1', 'administrator', 'org-bestaat-niet');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('"org-bestaat-niet"');
    expect((await auditOf()).filter((e) => e.action === 'role.grant')).toEqual([]);
  });

  it.each([['U1'], ['slack'], ['slack:'], ['whatsapp:U1'], ['SLACK U1']])('a malformed person id %j: exit 2 with the expected form', async (who) => {
    const result = await cli('admin', 'grant', who, 'coordinator');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('<teams|slack|local>:<user-id>');
    expect((await auditOf()).filter((e) => e.action === 'role.grant')).toEqual([]);
  });

  it.each([
    ['an unknown role', ['slack:U1', 'superuser']],
    ['no role', ['slack:U1']],
    ['nothing at all', []],
    ['too many arguments', ['slack:U1', 'administrator', 'org-gtk-westlink', 'extra']],
  ])('%s: exit 2 with the usage', async (_what, args) => {
    const result = await cli('admin', 'grant', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: ketenbot admin grant');
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await cli('admin', 'grant', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: ketenbot admin grant <teams|slack|local>:<user-id>');
  });
});
