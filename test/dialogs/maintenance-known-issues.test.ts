import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import type { Person } from '../../core/domain/access/types.ts';
import type { KnownIssue } from '../../core/domain/known-issues.ts';
import { importKbEntries } from '../../core/domain/knowledge-base/import-entries.ts';
import type { KbEntryInput } from '../../core/domain/knowledge-base/types.ts';
import type { Maintenance, MaintenanceDraft } from '../../core/domain/maintenance/types.ts';
import { maintenanceKnownIssues } from '../../dialogs/maintenance-known-issues.ts';
import { HARNESS_NOW, loadDemoDirectory, onlyCard, openDialogHarness, type DialogHarness, type SayOptions } from './dialog-harness.ts';

/**
 * Issue 8, point 4: in the decision tree's outcome and in knowledge-base answers, maintenance that
 * is running or starts within 24 hours on the application in question is shown first (before the
 * known incidents); maintenance starting later, done or cancelled is not. The real sources of
 * compose-services (maintenance, then incidents), the real flows, the demo directory and KB.
 */

const nl = translator('nl');
const en = translator('en');
const DEMO_KB = JSON.parse(readFileSync(new URL('../../data/demo-kb.json', import.meta.url), 'utf8')) as { entries: KbEntryInput[] };

const EPD = 'app-medicura-epd';
const VIEWER = 'app-panorama-viewer';
const LINDENDAEL = 'org-ziekenhuis-lindendael';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const COORDINATOR: Person = { id: 'local:chris', platform: 'local', userId: 'chris', displayName: 'Chris Ketenregie', organisationIds: [], roles: [{ role: 'chain-coordinator' }] };
const NURSE: Person = { id: 'local:noor', platform: 'local', userId: 'noor', displayName: 'Noor', organisationIds: [LINDENDAEL], roles: [{ role: 'care-professional', organisationId: LINDENDAEL }] };

let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness();
  const directory = await loadDemoDirectory(h);
  const result = await importKbEntries(h.services.kb, { entries: DEMO_KB.entries }, { actor: 'test', now: h.clock.now(), knownApplicationIds: new Set(directory.applications.map((a) => a.id)) });
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  h.services.kbSearch.invalidate();
});
afterEach(async () => {
  await h.dispose();
});

/** Harness time (Monday 3 March 2025, 10:00 in Amsterdam) plus some milliseconds, as ISO. */
const at = (ms: number) => new Date(HARNESS_NOW.getTime() + ms).toISOString();

async function schedule(description: string, applicationIds: string[], startsIn: number, endsIn: number): Promise<Maintenance> {
  const draft: MaintenanceDraft = { applicationIds, startsAt: at(startsIn), endsAt: at(endsIn), impact: 'degraded', description, contact: 'Servicedesk Medicura' };
  const outcome = await h.services.maintenance.schedule(COORDINATOR, draft);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problem));
  return outcome.value;
}

/**
 * Scheduled at 10:00; the clock then moves to 11:00 and sweeps:
 * running (10:00–14:00), soon (Tue 08:00, in 21 h), later (Wed 11:01, in 2 days), done (10:00–10:30),
 * cancelled (in 3 h), extended (running, extended), and one on the viewer.
 */
async function seed() {
  const running = await schedule('Koppelserver EPD wordt vervangen\nTweede regel', [EPD], 0, 4 * HOUR);
  const soon = await schedule('Database-onderhoud EPD', [EPD], 22 * HOUR, 23 * HOUR);
  const later = await schedule('Upgrade EPD naar versie 9', [EPD], 49 * HOUR + MINUTE, 50 * HOUR);
  const done = await schedule('Korte herstart EPD', [EPD], 0, 30 * MINUTE);
  const cancelled = await schedule('Geannuleerd EPD-werk', [EPD], 3 * HOUR, 4 * HOUR);
  const viewer = await schedule('Viewer krijgt nieuwe certificaten', [VIEWER], 2 * HOUR, 3 * HOUR);
  const cancel = await h.services.maintenance.cancel(COORDINATOR, cancelled.id);
  if (!cancel.ok) throw new Error(JSON.stringify(cancel.problem));
  h.clock.set(new Date(HARNESS_NOW.getTime() + HOUR));
  const swept = await h.services.maintenance.sweep();
  expect(swept.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
    // "soon" is 21 h away: no "begint over 24 uur" reminder, which would not be true any more.
    { id: running.id, kind: 'started' }, { id: done.id, kind: 'ended' }, { id: viewer.id, kind: 'reminder-1h' },
  ]);
  return { running, soon, later, done, cancelled, viewer };
}

// ---------- the tree ----------

const choicesOf = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'input' && b.input.kind === 'choice' ? b.input.choices : []));
// The known issues: the first list on the outcome (what to have at hand is a list too, further down).
const listItems = (card: CardView) => card.blocks.find((b): b is Extract<typeof b, { type: 'list' }> => b.type === 'list')?.items ?? [];

async function click(card: CardView, title: string, o: SayOptions): Promise<CardView> {
  const choice = choicesOf(card).find((c) => c.title === title);
  const choose = card.actions?.find((a) => a.kind === 'submit' && a.id === 'tree.choose');
  if (!choice || choose?.kind !== 'submit') throw new Error(`"${title}" is not on the ${card.kind} card`);
  return onlyCard(await h.submit('tree.choose', { ...choose.data, choice: choice.value }, o));
}

/** A midwife at Lindendael: a data leak via Medicura EPD (the tree's "security" outcome). */
async function treeOutcomeForEpd(o: SayOptions = {}): Promise<CardView> {
  const org = onlyCard(await h.say(o.locale === 'en' ? 'i have a problem' : 'ik heb een probleem', o));
  const root = await click(org, 'Ziekenhuis Lindendael', o);
  expect(root.kind).toBe('tree.step');
  const apps = onlyCard(await h.say(o.locale === 'en' ? 'data leak' : 'datalek', o));
  const outcome = await click(apps, 'Medicura EPD', o);
  expect(outcome.kind).toBe('tree.outcome');
  return outcome;
}

describe('the decision tree outcome', () => {
  it('shows maintenance running now and starting within 24 hours first; not later, done or cancelled, nor on other applications', async () => {
    const { running, soon } = await seed();
    const card = await treeOutcomeForEpd();
    expect(card.blocks[0]).toEqual({ type: 'text', text: nl('tree.known.title', { application: 'Medicura EPD' }), style: 'warning' });
    expect(card.blocks[1]).toEqual({
      type: 'list',
      items: [
        { title: `${running.id}: Koppelserver EPD wordt vervangen`, text: nl('maintenance.known.running', { end: '2025-03-03 14:00' }) },
        { title: `${soon.id}: Database-onderhoud EPD`, text: nl('maintenance.known.planned', { start: '2025-03-04 08:00', end: '2025-03-04 09:00' }) },
      ],
    });
    const all = JSON.stringify(card);
    for (const hidden of ['Upgrade EPD naar versie 9', 'Korte herstart EPD', 'Geannuleerd EPD-werk', 'Viewer krijgt nieuwe certificaten']) expect(all).not.toContain(hidden);
  });

  it('maintenance comes before a known incident on the same application', async () => {
    const { running } = await seed();
    const filed = await h.services.incidents.file(NURSE, LINDENDAEL, {
      title: 'EPD traag', description: 'Het EPD reageert traag sinds vanochtend.', applicationIds: [EPD], organisationIds: [LINDENDAEL, 'org-sint-amandus-gasthuis'],
      impact: 'degraded', startedAt: h.clock.now().toISOString(), possibleDataLeak: false,
    });
    if (!filed.ok) throw new Error(JSON.stringify(filed.problem));
    expect(filed.value.layer).not.toBe('local');
    const items = listItems(await treeOutcomeForEpd());
    expect(items.map((i) => i.title.split(':')[0])).toEqual([running.id, expect.stringMatching(/^MNT-/), filed.value.id]);
  });

  it('an extended window shows as running until the new end', async () => {
    const { running } = await seed();
    const extended = await h.services.maintenance.extend(COORDINATOR, running.id, at(6 * HOUR));
    expect(extended.ok && extended.value.status).toBe('extended');
    expect(listItems(await treeOutcomeForEpd())[0]).toEqual({ title: `${running.id}: Koppelserver EPD wordt vervangen`, text: nl('maintenance.known.running', { end: '2025-03-03 16:00' }) });
  });

  it('English: the details in English', async () => {
    const { running } = await seed();
    const card = await treeOutcomeForEpd({ locale: 'en' });
    expect(card.blocks[0]).toEqual({ type: 'text', text: en('tree.known.title', { application: 'Medicura EPD' }), style: 'warning' });
    expect(listItems(card)[0]).toEqual({ title: `${running.id}: Koppelserver EPD wordt vervangen`, text: en('maintenance.known.running', { end: '2025-03-03 14:00' }) });
  });

  it('nothing running or near: no known-issues block', async () => {
    await schedule('Upgrade EPD naar versie 9', [EPD], 49 * HOUR, 50 * HOUR);
    const card = await treeOutcomeForEpd();
    expect(card.blocks[0]).not.toMatchObject({ style: 'warning', text: nl('tree.known.title', { application: 'Medicura EPD' }) });
    expect(JSON.stringify(card)).not.toContain('Upgrade EPD');
  });
});

describe('the source itself (dialogs/maintenance-known-issues.ts)', () => {
  it('by the clock: the 24-hour boundary, and a window past its end that the clock has not closed yet', async () => {
    const m = await schedule('Database-onderhoud EPD', [EPD], 24 * HOUR + MINUTE, 25 * HOUR);
    const source = maintenanceKnownIssues(h.services.maintenanceRepository);
    const issuesAt = (ms: number) => source.forApplication(EPD, new Date(HARNESS_NOW.getTime() + ms), 'nl');
    expect(await issuesAt(0)).toEqual([]);
    const expected: KnownIssue = { kind: 'maintenance', applicationId: EPD, title: `${m.id}: Database-onderhoud EPD`, detail: nl('maintenance.known.planned', { start: '2025-03-04 10:01', end: '2025-03-04 11:00' }) };
    expect(await issuesAt(MINUTE)).toEqual([expected]);
    expect(await source.forApplication(VIEWER, new Date(HARNESS_NOW.getTime() + MINUTE), 'nl')).toEqual([]);
    // Past the end but not swept yet (still "planned"): no longer shown.
    expect(await issuesAt(25 * HOUR)).toEqual([]);
  });
});

// ---------- the knowledge base ----------

const answerCards = (replies: Reply[]) => replies.flatMap((r) => (r.kind === 'card' && r.card.kind === 'kb.answer' ? [r.card] : []));
/** The entry an answer card is about: its feedback buttons carry the id (no id is shown). */
const entryOf = (card: CardView) => card.actions?.flatMap((a) => (a.kind === 'submit' && a.id === 'kb.helped' ? [String(a.data?.entry)] : []))[0];
const entryApps = (card: CardView) => DEMO_KB.entries.find((e) => e.id === entryOf(card))?.applicationIds ?? [];

describe('knowledge-base answers', () => {
  it('"viewer is leeg": the answers about the viewer show the viewer maintenance starting within 24 hours first; answers about other applications do not', async () => {
    const { viewer } = await seed();
    const answers = answerCards(await h.say('viewer is leeg'));
    const aboutViewer = answers.filter((c) => entryApps(c).includes(VIEWER));
    expect(aboutViewer.length).toBeGreaterThan(0);
    const name = (await h.services.directory.load()).applications.find((a) => a.id === VIEWER)!.name;
    for (const card of aboutViewer) {
      expect(card.blocks[0]).toEqual({
        type: 'text',
        style: 'warning',
        text: `${nl('kb.known.title', { application: name })}: ${viewer.id}: Viewer krijgt nieuwe certificaten – ${nl('maintenance.known.planned', { start: '2025-03-03 12:00', end: '2025-03-03 13:00' })}`,
      });
    }
    for (const card of answers.filter((c) => !entryApps(c).includes(VIEWER) && !entryApps(c).includes(EPD))) expect(JSON.stringify(card)).not.toContain('MNT-');
  });

  it('viewer maintenance two days ahead is not shown; once it runs, it is', async () => {
    const later = await schedule('Viewer krijgt nieuwe certificaten', [VIEWER], 49 * HOUR, 50 * HOUR);
    expect(JSON.stringify(answerCards(await h.say('viewer is leeg')))).not.toContain(later.id);
    h.clock.set(new Date(HARNESS_NOW.getTime() + 49 * HOUR));
    expect(await h.services.maintenance.sweep()).toEqual([{ id: later.id, kind: 'started' }]);
    const aboutViewer = answerCards(await h.say('viewer is leeg')).filter((c) => entryApps(c).includes(VIEWER));
    expect(aboutViewer.length).toBeGreaterThan(0);
    for (const card of aboutViewer) {
      expect(card.blocks[0]).toMatchObject({ type: 'text', style: 'warning' });
      expect((card.blocks[0] as { text: string }).text).toContain(`${later.id}: Viewer krijgt nieuwe certificaten – ${nl('maintenance.known.running', { end: '2025-03-05 12:00' })}`);
    }
    // Done: gone again.
    h.clock.set(new Date(HARNESS_NOW.getTime() + 50 * HOUR));
    expect(await h.services.maintenance.sweep()).toEqual([{ id: later.id, kind: 'ended' }]);
    expect(JSON.stringify(answerCards(await h.say('viewer is leeg')))).not.toContain(later.id);
  });
});
