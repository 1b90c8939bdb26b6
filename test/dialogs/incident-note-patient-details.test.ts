import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantHarnessRole, loadDemoDirectory, onlyText, openDialogHarness, translate, type DialogHarness } from './dialog-harness.ts';

/**
 * Notes on an incident card (an update, a resolution, a reason to reopen) that look like patient
 * details are not stored at the first press: the person is warned in their language and confirms by
 * pressing the same button with the same text again. A BSN is refused outright, as before.
 */

const LINDENDAEL = 'org-ziekenhuis-lindendael';
const NOTE = 'Uitslag van mevrouw Jansen staat in het verkeerde dossier';

let h: DialogHarness;
let incidentId: string;
beforeEach(async () => {
  h = await openDialogHarness();
  await loadDemoDirectory(h);
  await grantHarnessRole(h, 'reporter', 'care-professional', LINDENDAEL);
  await grantHarnessRole(h, 'desk', 'servicedesk-agent', LINDENDAEL);
  const reporter = await h.services.people.of({ platform: 'local', actor: { id: 'reporter' } });
  const filed = await h.services.incidents.file(reporter, LINDENDAEL, {
    title: 'Uitslagen komen in het verkeerde dossier', description: 'Sinds vanochtend komen labuitslagen bij de verkeerde cliënt terecht.',
    applicationIds: [], organisationIds: [LINDENDAEL], impact: 'degraded', startedAt: h.clock.now().toISOString(), possibleDataLeak: false,
  });
  if (!filed.ok) throw new Error(JSON.stringify(filed.problem));
  incidentId = filed.value.id;
});
afterEach(async () => h.dispose());

/** The incident's timeline as the servicedesk sees it. */
async function timeline(): Promise<Array<{ kind: string; text?: string }>> {
  const found = await h.services.incidents.get(await h.services.people.of({ platform: 'local', actor: { id: 'desk' } }), incidentId);
  if (!found.ok) throw new Error(JSON.stringify(found.problem));
  return found.value.timeline;
}

describe('a note that looks like patient details', () => {
  it.each([['nl' as const], ['en' as const]])('is held at the first press with a warning (%s), stored at the second press with the same text', async (locale) => {
    const press = () => h.submit('incident.update', { incidentId, text: NOTE }, { user: 'desk', locale });
    expect(onlyText(await press())).toBe(translate(locale, 'incident.patient.pressAgain'));
    expect((await timeline()).filter((e) => e.kind === 'update')).toEqual([]);
    await press();
    expect((await timeline()).filter((e) => e.kind === 'update').map((e) => e.text)).toEqual([NOTE]);
  });

  it('a different text after the warning is checked anew; a resolution is held the same way', async () => {
    expect(onlyText(await h.submit('incident.update', { incidentId, text: NOTE }, { user: 'desk' }))).toBe(translate('nl', 'incident.patient.pressAgain'));
    expect(onlyText(await h.submit('incident.update', { incidentId, text: `${NOTE}, geboren 12-03-1990` }, { user: 'desk' }))).toBe(translate('nl', 'incident.patient.pressAgain'));
    expect(onlyText(await h.submit('incident.resolve', { incidentId, text: 'Dossier van dhr. De Vries hersteld' }, { user: 'desk' }))).toBe(translate('nl', 'incident.patient.pressAgain'));
    expect((await timeline()).map((e) => e.kind)).toEqual(['filed']);
  });

  it('a second press more than 15 minutes later warns again', async () => {
    await h.submit('incident.update', { incidentId, text: NOTE }, { user: 'desk' });
    h.clock.set(new Date(h.clock.now().getTime() + 16 * 60_000));
    expect(onlyText(await h.submit('incident.update', { incidentId, text: NOTE }, { user: 'desk' }))).toBe(translate('nl', 'incident.patient.pressAgain'));
  });

  it('an ordinary note is stored at once, and a BSN is refused however often it is pressed', async () => {
    await h.submit('incident.update', { incidentId, text: 'Leverancier is gebeld, patch volgt vanmiddag' }, { user: 'desk' });
    expect((await timeline()).filter((e) => e.kind === 'update')).toHaveLength(1);
    for (let i = 0; i < 2; i++) expect(onlyText(await h.submit('incident.update', { incidentId, text: 'bsn 123-456-782' }, { user: 'desk' }))).not.toBe(translate('nl', 'incident.patient.pressAgain'));
    expect((await timeline()).filter((e) => e.kind === 'update')).toHaveLength(1);
  });
});
