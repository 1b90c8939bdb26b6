import { describe, expect, it } from 'vitest';
import { translator } from '../../../../cards/i18n/translate.ts';
import type { Layer } from '../../../../core/domain/incidents/coordination-layer.ts';
import type { Incident } from '../../../../core/domain/incidents/types.ts';
import { daysOf, lastCompletePeriod } from '../../../../core/domain/reports/report-period.ts';
import { migrate, openDatabase } from '../../../../storage/data-source.ts';
import { TypeOrmIncidentRepository } from '../../../../storage/incidents/typeorm-incident-repository.ts';
import { runKetenbotLines, sqliteFolderPerTest } from '../../../support/ketenbot-cli.ts';

/**
 * `ketenbot report day|week --org ID [--csv | --json]`, in-process against a SQLite file with the
 * demo directory. The CLI runs on the real clock, so the data is placed relative to the last
 * complete day / week of today.
 */

const folder = sqliteFolderPerTest('ketenbot-cli-report-');
const R = 'org-gtk-rivierennet';
const M = 'org-vp-de-meander';
const W = 'org-vp-waaloever';
const T = 'org-twiin-ketenregie';
const V = 'org-lev-vroedsoft';
const RSO = 'org-rso-rivierenland';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const HEADER = 'id,created_at,layer,coordinator_id,application_ids,organisation_ids,impact,confidential,status,taken_at,resolved_at,closed_at,minutes_to_take,minutes_to_resolve';

/** Free text that must never leave the database through this command. */
const SECRETS = [
  'Patiënt Jansen, overdracht "mislukt", zie dossier',
  'Regel een\nregel twee met, komma',
  'Geheime omschrijving van het probleem',
  'Update: de leverancier belt mevrouw de Vries terug',
  'Opgelost door herstart van de koppeling bij Meander',
  'Marieke Reporter',
  'Xander Updater',
  'versie-geheim-9.9',
];

async function cli(...args: string[]) {
  const { code, out, err } = await runKetenbotLines(folder.url, args);
  return { code, lines: out, out: out.join('\n'), err: err.join('\n') };
}

async function importDemoDirectory() {
  const result = await cli('directory', 'import', 'data/demo-directory.json');
  expect(result.code, result.err).toBe(0);
}

const at = (ms: number) => new Date(ms).toISOString();

/** Stores the incidents (in the order given) and returns them with their ids. */
async function store(incidents: Array<Omit<Incident, 'id'>>): Promise<Incident[]> {
  const ds = await openDatabase(folder.url);
  await migrate(ds);
  try {
    const repo = new TypeOrmIncidentRepository(ds);
    const out: Incident[] = [];
    for (const i of incidents) out.push(await repo.create(i, Number(i.createdAt.slice(0, 4)), (id) => ({ at: i.createdAt, actor: 'test', action: 'test.create', subjectType: 'incident', subjectId: id })));
    return out;
  } finally {
    await ds.destroy();
  }
}

function incident(layer: Layer, createdMs: number, o: Partial<Incident> = {}): Omit<Incident, 'id'> {
  const createdAt = at(createdMs);
  return {
    title: SECRETS[0]!, description: SECRETS[2]!, applicationIds: ['app-rivierennet'], organisationIds: [M, W], impact: 'degraded',
    startedAt: createdAt, possibleDataLeak: false, sinceVersion: SECRETS[7]!, status: 'new', layer, coordinatorId: R, partnerIds: [],
    reason: { kind: 'one-gtk', providers: 2, gtk: 'RivierenNet' }, audienceIds: [R],
    reporter: { id: 'slack:UMARIEKE', name: SECRETS[5]!, platform: 'slack', userId: 'UMARIEKE', organisationId: M },
    timeline: [
      { at: createdAt, kind: 'filed', actor: { id: 'slack:UMARIEKE', name: SECRETS[5]! } },
      { at: createdAt, kind: 'update', actor: { id: 'slack:UXANDER', name: SECRETS[6]! }, text: SECRETS[3]! },
    ],
    createdAt, updatedAt: createdAt, ...o,
  };
}

/** Last week's data set: returns the stored incidents by name and the period. */
async function weekData() {
  const period = lastCompletePeriod('week', new Date());
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const [closedBefore, openBefore, monday, chain, confidential, other, thisWeek] = await store([
    incident('gtk', from - 10 * DAY, { status: 'closed', closedAt: at(from - 9 * DAY) }),
    incident('gtk', from - 3 * DAY, { status: 'in-progress', takenAt: at(from - 3 * DAY + 5 * MINUTE) }),
    incident('gtk', from + HOUR, {
      status: 'closed', takenAt: at(from + HOUR + 10 * MINUTE), resolvedAt: at(from + 3 * HOUR), closedAt: at(from + DAY), resolution: SECRETS[4]!,
      owner: { id: 'slack:UXANDER', name: SECRETS[6]! },
    }),
    incident('chain', from + 2 * DAY + 30 * MINUTE, {
      title: SECRETS[1]!, applicationIds: ['app-rivierennet', 'app-vroedsoft-xis'], coordinatorId: T, audienceIds: [T, R, V], impact: 'no-exchange',
      reason: { kind: 'several-applications', providers: 2, applications: 2 },
    }),
    incident('local', from + 3 * DAY, {
      possibleDataLeak: true, organisationIds: [M, R], coordinatorId: M, partnerIds: [V, RSO], audienceIds: [M, V, RSO], reason: { kind: 'confidential' },
    }),
    incident('local', from + 4 * DAY, { organisationIds: [W], coordinatorId: W, audienceIds: [W], reason: { kind: 'one-provider', provider: 'Waaloever' } }),
    // Monday 00:00 of this week: not last week's.
    incident('gtk', to),
  ]);
  return { period, closedBefore: closedBefore!, openBefore: openBefore!, monday: monday!, chain: chain!, confidential: confidential!, other: other!, thisWeek: thisWeek! };
}

function expectNoFreeText(text: string) {
  for (const secret of SECRETS) expect(text, `must not contain ${JSON.stringify(secret)}`).not.toContain(secret);
  // Not even a fragment of one.
  for (const fragment of ['Jansen', 'komma', 'omschrijving', 'leverancier', 'herstart', 'Marieke', 'Xander', 'geheim']) expect(text.toLowerCase()).not.toContain(fragment.toLowerCase());
}

describe('ketenbot report week --org ID --csv', () => {
  it('the header and one row per incident of last week that concerns the organisation (open ones from before included); metadata only', async () => {
    await importDemoDirectory();
    const d = await weekData();
    const result = await cli('report', 'week', '--org', R, '--csv');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      HEADER,
      `${d.openBefore.id},${d.openBefore.createdAt},gtk,${R},app-rivierennet,${M} ${W},degraded,false,in-progress,${d.openBefore.takenAt},,,5,`,
      `${d.monday.id},${d.monday.createdAt},gtk,${R},app-rivierennet,${M} ${W},degraded,false,closed,${d.monday.takenAt},${d.monday.resolvedAt},${d.monday.closedAt},10,120`,
      `${d.chain.id},${d.chain.createdAt},chain,${T},app-rivierennet app-vroedsoft-xis,${M} ${W},no-exchange,false,new,,,,,`,
    ]);
    expectNoFreeText(result.out);
    expectNoFreeText(result.err);
  });

  it('for an audience member of the confidential incident: its row (flagged), still without any text', async () => {
    await importDemoDirectory();
    const d = await weekData();
    const result = await cli('report', 'week', '--org', RSO, '--csv');
    expect(result.code, result.err).toBe(0);
    expect(result.lines).toEqual([HEADER, `${d.confidential.id},${d.confidential.createdAt},local,${M},app-rivierennet,${M} ${R},degraded,true,new,,,,,`]);
    expectNoFreeText(result.out);
  });

  it('an organisation with nothing in the week: the header only', async () => {
    await importDemoDirectory();
    await weekData();
    const result = await cli('report', 'week', '--org', 'org-vp-helmgras', '--csv');
    expect(result.code, result.err).toBe(0);
    expect(result.lines).toEqual([HEADER]);
  });
});

describe('ketenbot report week --org ID --json', () => {
  it('prints the digest of last week', async () => {
    await importDemoDirectory();
    const d = await weekData();
    const result = await cli('report', 'week', '--org', R, '--json');
    expect(result.code, result.err).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      organisationId: R,
      period: d.period,
      incidents: {
        opened: 2,
        resolved: 1,
        open: 2,
        openedByLayer: { gtk: 1, chain: 1 },
        openedByApplication: { 'app-rivierennet': 2, 'app-vroedsoft-xis': 1 },
        takeMinutes: { count: 1, median: 10, p90: 10 },
        resolveMinutes: { count: 1, median: 120, p90: 120 },
        perDay: daysOf(d.period).map((x, n) => ({ day: x.day, byLayer: n === 0 ? { gtk: 1 } : n === 2 ? { chain: 1 } : {} })),
      },
      maintenance: { done: 0, coming: 0 },
      deliveriesFailed: 0,
      kbUnanswered: 0,
    });
    expectNoFreeText(result.out);
  });

  it('without --csv or --json: the report as text (English with --lang en), no free text', async () => {
    await importDemoDirectory();
    await weekData();
    const en = translator('en');
    const result = await cli('report', 'week', '--org', R, '--lang', 'en');
    expect(result.code, result.err).toBe(0);
    expect(result.lines[0]).toMatch(new RegExp(`^${en('report.title', { organisation: 'RivierenNet Zorguitwisseling \\(GtK\\)' })} — Week \\d{4}-W\\d{2} `));
    expect(result.lines).toContain(`  ${en('report.fact.opened')}: 2`);
    expectNoFreeText(result.out);
  });

  it('one language per output: English by default (the CLI\'s language), all Dutch with --lang nl', async () => {
    await importDemoDirectory();
    await weekData();
    const en = translator('en');
    const nl = translator('nl');
    const english = await cli('report', 'week', '--org', R);
    expect(english.code, english.err).toBe(0);
    expect(english.lines).toContain(`  ${en('report.fact.opened')}: 2`);
    expect(english.out).not.toContain(nl('report.fact.opened'));
    expect(english.out).not.toMatch(/\b(?:Rapport|Incidenten|Opgelost|Nog open|mediaan|binnen)\b/);
    const dutch = await cli('report', 'week', '--org', R, '--lang', 'nl');
    expect(dutch.lines).toContain(`  ${nl('report.fact.opened')}: 2`);
    expect(dutch.out).not.toContain(en('report.fact.opened'));
    expect(dutch.out).not.toMatch(/\b(?:Report|Incidents filed|Resolved|Still open|median|within)\b/);
  });
});

describe('ketenbot report day --org ID --csv', () => {
  it('yesterday: the incident filed in its first minute, not the one a minute before it (closed then)', async () => {
    await importDemoDirectory();
    const period = lastCompletePeriod('day', new Date());
    const from = Date.parse(period.from);
    const [before, first] = await store([
      incident('gtk', from - MINUTE, { status: 'closed', closedAt: at(from - 30_000) }),
      incident('gtk', from + MINUTE),
    ]);
    const result = await cli('report', 'day', '--org', R, '--csv');
    expect(result.code, result.err).toBe(0);
    expect(result.lines).toEqual([HEADER, `${first!.id},${first!.createdAt},gtk,${R},app-rivierennet,${M} ${W},degraded,false,new,,,,,`]);
    expect(result.out).not.toContain(before!.id);
  });
});

describe('ketenbot report: failures and usage', () => {
  it('an unknown organisation: exit 1, nothing on stdout', async () => {
    await importDemoDirectory();
    const result = await cli('report', 'week', '--org', 'org-bestaat-niet', '--csv');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('org-bestaat-niet');
  });

  it('a name instead of an id is unknown too (ids only): exit 1', async () => {
    await importDemoDirectory();
    const result = await cli('report', 'week', '--org', 'RivierenNet');
    expect(result.code).toBe(1);
  });

  it.each([
    [['report']],
    [['report', 'month', '--org', R]],
    [['report', '--org', R]],
    [['report', 'week']],
    [['report', 'week', '--org']],
    [['report', 'week', '--org', R, '--lang', 'de']],
    [['report', 'week', '--org', R, '--bogus']],
  ])('%j: wrong usage, exit 2 with the usage line', async (args) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('Usage: ketenbot report day|week --org ID');
  });

  it('--help: the usage, exit 0', async () => {
    const result = await cli('report', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('ketenbot report day|week --org ID [--csv | --json]');
  });
});
