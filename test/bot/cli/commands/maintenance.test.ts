import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../../cards/i18n/translate.ts';
import type { ChannelLink } from '../../../../core/domain/access/channel-link.ts';
import { TypeOrmChannelLinkRepository } from '../../../../storage/access/typeorm-channel-link-repository.ts';
import { migrate, openDatabase } from '../../../../storage/data-source.ts';
import { TypeOrmMaintenanceRepository } from '../../../../storage/maintenance/typeorm-maintenance-repository.ts';
import { runKetenbotLines, sqliteFolderPerTest } from '../../../support/ketenbot-cli.ts';

/**
 * `ketenbot maintenance schedule --file F` and `ketenbot maintenance list [--json]`, in-process
 * against a SQLite file with the demo directory. The CLI runs on the real clock, so the windows lie
 * a week ahead of today.
 */

const en = translator('en');
const folder = sqliteFolderPerTest('ketenbot-cli-maintenance-');
const DAY = 86_400_000;
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));
const id = (n: number) => `MNT-${YEAR}-${String(n).padStart(4, '0')}`;

/** A date a week (and a fortnight) ahead, as typed in the file. */
const WEEK = new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);
const FORTNIGHT = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);

async function cli(...args: string[]) {
  const { code, out, err } = await runKetenbotLines(folder.url, args);
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err };
}
function file(name: string, content: unknown): string {
  const path = join(folder.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}
async function withDatabase<T>(work: (ds: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const ds = await openDatabase(folder.url);
  await migrate(ds);
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}
const stored = () => withDatabase((ds) => new TypeOrmMaintenanceRepository(ds).list({}));

const VALID = {
  applications: ['app-medicura-epd'],
  start: `${WEEK} 20:00`,
  end: `${WEEK} 23:00`,
  impact: 'no-exchange',
  description: 'Upgrade van de koppelserver.',
  contact: 'Servicedesk Medicura, 030 123 4567',
};

async function importDemoDirectory() {
  const result = await cli('directory', 'import', 'data/demo-directory.json');
  expect(result.code, result.err).toBe(0);
}

describe('ketenbot maintenance schedule --file', () => {
  it('a valid file (one notice): the id and window printed, stored as planned with the audience, nothing linked yet', async () => {
    await importDemoDirectory();
    const path = file('onderhoud.json', VALID);
    const result = await cli('maintenance', 'schedule', '--file', path);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe(`${id(1)}: app-medicura-epd ${WEEK} 20:00 – ${WEEK} 23:00 announced (no alert channel linked for the organisations involved yet).`);
    const [m] = await stored();
    expect(m).toMatchObject({
      id: id(1), status: 'planned', applicationIds: ['app-medicura-epd'], impact: 'no-exchange', description: VALID.description, contact: VALID.contact,
      administratorIds: ['org-lev-medicura'], audienceIds: ['org-lev-medicura', 'org-ziekenhuis-lindendael', 'org-sint-amandus-gasthuis', 'org-ziekenhuis-duinzicht'],
      createdBy: { id: 'cli', name: 'ketenbot CLI' },
    });
    expect(m).not.toHaveProperty('noticeId');
  });

  it('a list ({"maintenance": [...]}) with an ISO time and a missing impact (degraded); with a linked channel the notice is queued for the bot', async () => {
    await importDemoDirectory();
    await withDatabase((ds) => new TypeOrmChannelLinkRepository(ds).save([{
      id: 'l-medicura', organisationId: 'org-lev-medicura', platform: 'slack', channelId: 'C-MEDICURA', teamId: 'T1', active: true, createdBy: 'test', createdAt: new Date().toISOString(),
    } satisfies ChannelLink], []));
    const { impact: _impact, ...withoutImpact } = VALID;
    const path = file('lijst.json', { maintenance: [VALID, { ...withoutImpact, applications: 'app-medicura-jgz, app-zorgadresboek', start: `${FORTNIGHT}T19:00:00Z`, end: `${FORTNIGHT}T21:00:00+01:00` }] });
    const result = await cli('maintenance', 'schedule', '--file', path);
    expect(result.code, result.err).toBe(0);
    const lines = result.out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${id(1)}: app-medicura-epd .* announced to 1 alert channel \\(notice [0-9a-f-]{36}; the running bot delivers it\\)\\.$`));
    expect(lines[1]).toMatch(new RegExp(`^${id(2)}: app-medicura-jgz, app-zorgadresboek `));
    const all = await stored();
    expect(all.map((m) => [m.id, m.impact, m.startsAt, m.endsAt])).toEqual([
      [id(1), 'no-exchange', expect.any(String), expect.any(String)],
      [id(2), 'degraded', `${FORTNIGHT}T19:00:00.000Z`, `${FORTNIGHT}T20:00:00.000Z`],
    ]);
    // A common facility: chain coordination is in the audience.
    expect(all[1]!.audienceIds).toContain('org-twiin-ketenregie');
    expect(all[1]!.administratorIds).toEqual(['org-lev-medicura', 'org-gv-zorgadresboek']);
  });

  it('an invalid file: exit 1, every problem with its path, nothing stored (not even the valid entry)', async () => {
    await importDemoDirectory();
    const path = file('fout.json', [
      VALID,
      { ...VALID, applications: ['app-medicura-epd', 'app-bestaat-niet'], end: `${WEEK} 19:00`, description: 'Patiënt met BSN 123 456 782 testen', contact: '' },
      { ...VALID, applications: [], start: 'volgende week', impact: 'kapot' },
      { ...VALID, start: '2020-01-01 10:00', end: '2020-01-01 12:00' },
    ]);
    const result = await cli('maintenance', 'schedule', '--file', path);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.errLines).toEqual([
      `Nothing was announced: 9 problems in ${path}:`,
      `  [1].description: ${en('incident.problem.bsn', { found: '123 456 782' })}`,
      '  [1].contact: is required',
      `  [1].applications: ${en('incident.problem.unknown', { ids: 'app-bestaat-niet' })}`,
      `  [1].end: ${en('maintenance.problem.endBeforeStart')}`,
      '  [2].applications: is required',
      '  [2].impact: must be one of no-exchange, degraded, hindrance, none',
      `  [2].start: ${en('incident.problem.invalid')}`,
      `  [3].start: ${en('maintenance.problem.past')}`,
      `  [3].end: ${en('maintenance.problem.past')}`,
    ]);
    expect(await stored()).toEqual([]);
  });

  it('an empty list (bare or as {"maintenance": []}): exit 1, nothing announced, nothing stored', async () => {
    await importDemoDirectory();
    for (const [name, content] of [['leeg.json', []], ['leeg-lijst.json', { maintenance: [] }]] as const) {
      const path = file(name, content);
      const result = await cli('maintenance', 'schedule', '--file', path);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.errLines).toEqual([`Nothing was announced: ${path} holds no maintenance.`]);
    }
    expect(await stored()).toEqual([]);
  });

  it('a missing file or one that is not JSON: exit 1 naming it; no --file: usage, exit 2', async () => {
    const missing = join(folder.dir, 'bestaat-niet.json');
    const gone = await cli('maintenance', 'schedule', '--file', missing);
    expect(gone.code).toBe(1);
    expect(gone.err).toContain(`Cannot read ${missing}`);
    const broken = await cli('maintenance', 'schedule', '--file', file('kapot.json', '{ "applications": '));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/JSON/);
    const usage = await cli('maintenance', 'schedule');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('ketenbot maintenance schedule --file FILE');
  });
});

describe('ketenbot maintenance list', () => {
  it('empty: says so; --json is []', async () => {
    expect(await cli('maintenance', 'list')).toMatchObject({ code: 0, out: 'No planned or running maintenance.' });
    expect(await cli('maintenance', 'list', '--json')).toMatchObject({ code: 0, out: '[]' });
  });

  it('--json: the planned and running notices, soonest first, with their fields', async () => {
    await importDemoDirectory();
    const path = file('twee.json', [
      { ...VALID, start: `${FORTNIGHT} 20:00`, end: `${FORTNIGHT} 22:00` },
      { ...VALID, applications: ['app-panorama-viewer'], impact: 'hindrance' },
    ]);
    expect((await cli('maintenance', 'schedule', '--file', path)).code).toBe(0);
    const result = await cli('maintenance', 'list', '--json');
    expect(result.code).toBe(0);
    const list = JSON.parse(result.out) as Array<Record<string, unknown>>;
    expect(list.map((m) => m.id)).toEqual([id(2), id(1)]);
    expect(list[0]).toEqual({
      id: id(2), status: 'planned', applicationIds: ['app-panorama-viewer'], startsAt: expect.stringMatching(new RegExp(`^${WEEK}T`)), endsAt: expect.any(String),
      impact: 'hindrance', audienceIds: expect.arrayContaining(['org-lev-panorama']), noticeId: null,
    });
    const text = await cli('maintenance', 'list');
    expect(text.out.split('\n')).toEqual([
      `${id(2)}\tPlanned\t${WEEK} 20:00 – ${WEEK} 23:00\tapp-panorama-viewer`,
      `${id(1)}\tPlanned\t${FORTNIGHT} 20:00 – ${FORTNIGHT} 22:00\tapp-medicura-epd`,
    ]);
  });
});
