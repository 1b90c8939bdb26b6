import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardInput, CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { importKbEntries } from '../../core/domain/knowledge-base/import-entries.ts';
import type { KbEntry, KbEntryInput } from '../../core/domain/knowledge-base/types.ts';
import { grantHarnessRole, harnessPersonId, HARNESS_NOW, loadDemoDirectory, onlyText, openDialogHarness, translate, type DialogHarness } from './dialog-harness.ts';

/**
 * The national knowledge base is written in chat: the form (a modal in Slack), problems shown in
 * the form with everything typed kept, every change audited, drafts for those who write them.
 * Chain coordination publishes; knowledge-base editors and RSO administrators write drafts; a single
 * practice's administrator does not write at all. Through the real installed flows and the engine on SQLite.
 */

const DEMO_KB = JSON.parse(readFileSync(new URL('../../data/demo-kb.json', import.meta.url), 'utf8')) as { entries: KbEntryInput[] };
const ADMIN = 'admin-1';
const CARE = 'care-1';
const WESTLINK = 'org-gtk-westlink';
const FIELDS = ['id', 'language', 'title', 'problem', 'solution', 'tags', 'questions', 'applications', 'audience', 'published'];

let h: DialogHarness;

beforeEach(async () => {
  h = await openDialogHarness();
  const directory = await loadDemoDirectory(h);
  const result = await importKbEntries(h.services.kb, DEMO_KB, { actor: 'test', now: h.clock.now(), knownApplicationIds: new Set(directory.applications.map((a) => a.id)) });
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  h.services.kbSearch.invalidate();
  await grantHarnessRole(h, ADMIN, 'chain-coordinator');
});
afterEach(async () => {
  await h.dispose();
});

const admin = { user: ADMIN };

/** The one reply, which must be the edit form sent as a form (a modal in Slack). */
function onlyForm(replies: Reply[]): CardView {
  expect(replies, JSON.stringify(replies)).toHaveLength(1);
  const reply = replies[0]!;
  expect(reply.kind).toBe('card');
  if (reply.kind !== 'card') throw new Error('not a card');
  expect(reply.card.kind).toBe('kb.edit');
  expect(reply.asModal).toBe(true);
  return reply.card;
}

const inputs = (card: CardView): CardInput[] => card.blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));
const inputValues = (card: CardView): Record<string, unknown> => Object.fromEntries(inputs(card).map((i) => [i.id, i.value]));
const warnings = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' && b.style === 'warning' ? [b.text] : []));
/** The entry the chat offers first: the answer card's (its Ja button) or the first "Bedoelt u een van deze?" pick. No id is shown. */
const firstOffered = (replies: Reply[]) => replies.flatMap((r) => (r.kind === 'card' ? r.card.actions ?? [] : []))
  .flatMap((a) => (a.kind === 'submit' && (a.id === 'kb.helped' || a.id === 'kb.pick') ? [a.data?.entry] : []))[0];

/** What a client sends when the form's save button is pressed: the button's data merged with the inputs (as Teams does: text values). */
function submission(card: CardView, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const save = card.actions?.find((a) => a.kind === 'submit' && a.id === 'kbEdit.save');
  expect(save, 'the form has a kbEdit.save button').toBeDefined();
  const values: Record<string, unknown> = { ...(save?.kind === 'submit' ? save.data : {}) };
  for (const input of inputs(card)) {
    values[input.id] = Array.isArray(input.value) ? input.value.join(',') : typeof input.value === 'boolean' ? String(input.value) : input.value;
  }
  return { ...values, ...changes };
}

const NEW_ARTICLE = {
  mode: 'new',
  id: 'kb-100',
  language: 'nl',
  title: 'Quarkscanner weigert de pas te lezen',
  problem: 'De quarkscanner op de balie geeft een rode lamp bij het aanbieden van de pas.',
  solution: 'Herstart de quarkscanner en maak de lezer schoon met een droge doek.',
  tags: 'quarkscanner, pas, balie',
  applications: 'app-identiteitsdienst',
  audience: 'servicedesk',
  published: 'true',
};

async function auditOf(id: string) {
  return (await h.services.audit.since(new Date(0))).filter((a) => a.subjectType === 'kb-entry' && a.subjectId === id);
}

describe('kb nieuw / kb bewerk', () => {
  it.each([['kb nieuw'], ['kb bewerk kb-026']])('a care professional: %j → a refusal naming the knowledge-base editor role, no form', async (text) => {
    const refusal = onlyText(await h.say(text, { user: CARE }));
    expect(refusal).toBe(translate('nl', 'access.forbidden', { role: translate('nl', 'role.kb-editor') }));
    expect(refusal).toContain('kennisbankredacteur');
  });

  it('a care professional cannot save by sending the save action either', async () => {
    const refusal = onlyText(await h.submit('kbEdit.save', NEW_ARTICLE, { user: CARE }));
    expect(refusal).toContain(translate('nl', 'role.kb-editor'));
    expect(await h.services.kb.byIds(['kb-100'])).toEqual([]);
  });

  it.each([['org-vp-de-zeester'], [WESTLINK]])('the administrator of one organisation (%s) writes nothing the whole chain reads: refused, nothing stored', async (organisationId) => {
    await grantHarnessRole(h, 'practice-admin', 'administrator', organisationId);
    expect(onlyText(await h.say('kb nieuw', { user: 'practice-admin' }))).toBe(translate('nl', 'access.forbidden', { role: translate('nl', 'role.kb-editor') }));
    expect(onlyText(await h.submit('kbEdit.save', NEW_ARTICLE, { user: 'practice-admin' }))).toContain(translate('nl', 'role.kb-editor'));
    expect(await h.services.kb.byIds(['kb-100'])).toEqual([]);
  });

  it.each([
    ['a knowledge-base editor', 'kb-editor' as const, 'org-vp-de-zeester'],
    ['an RSO administrator', 'administrator' as const, 'org-rso-rivierenland'],
  ])('%s writes drafts only: no "published" switch, a "published" submission is stored as a draft for chain coordination', async (_who, role, organisationId) => {
    await grantHarnessRole(h, 'editor-1', role, organisationId);
    const card = onlyForm(await h.say('kb nieuw', { user: 'editor-1' }));
    expect(inputs(card).map((i) => i.id)).toEqual(FIELDS.filter((f) => f !== 'published'));
    expect(onlyText(await h.submit('kbEdit.save', NEW_ARTICLE, { user: 'editor-1' }))).toBe(translate('nl', 'kbEdit.savedForReview', { id: 'kb-100' }));
    expect((await h.services.kb.byIds(['kb-100']))[0]).toMatchObject({ published: false });
    // Chain coordination publishes it.
    const review = onlyForm(await h.say('kb bewerk kb-100', admin));
    expect(onlyText(await h.submit('kbEdit.save', submission(review, { published: 'true' }), admin))).toBe(translate('nl', 'kbEdit.saved', { id: 'kb-100' }));
    expect((await h.services.kb.byIds(['kb-100']))[0]).toMatchObject({ published: true });
  });

  it('a knowledge-base editor may not change or retire a published article, by command or by a forged save', async () => {
    await grantHarnessRole(h, 'editor-2', 'kb-editor', 'org-vp-de-zeester');
    const before = (await h.services.kb.byIds(['kb-026']))[0]!;
    expect(onlyText(await h.say('kb bewerk kb-026', { user: 'editor-2' }))).toBe(translate('nl', 'kbEdit.publishedNeedsCoordinator', { id: 'kb-026' }));
    const forged = { ...NEW_ARTICLE, mode: 'edit', id: 'kb-026', title: 'Overschreven', published: 'false' };
    expect(onlyText(await h.submit('kbEdit.save', forged, { user: 'editor-2' }))).toBe(translate('nl', 'kbEdit.publishedNeedsCoordinator', { id: 'kb-026' }));
    expect((await h.services.kb.byIds(['kb-026']))[0]).toEqual(before);
  });

  it('an administrator: "kb nieuw" → the empty form with every field, as a modal', async () => {
    const card = onlyForm(await h.say('kb nieuw', admin));
    expect(card.title).toBe(translate('nl', 'kbEdit.title.new'));
    expect(inputs(card).map((i) => i.id)).toEqual(FIELDS);
    expect(inputValues(card)).toMatchObject({ id: '', language: 'nl', title: '', problem: '', solution: '', tags: '', questions: '', applications: [], audience: 'zorgverlener', published: true });
    const apps = inputs(card).find((i) => i.id === 'applications');
    expect(apps?.kind === 'choice' && apps.choices.map((c) => c.value)).toContain('app-panorama-viewer');
    expect(card.actions).toEqual([expect.objectContaining({ kind: 'submit', id: 'kbEdit.save', data: { mode: 'new' } }), expect.objectContaining({ kind: 'submit', id: 'form.cancel' })]);
    expect(warnings(card)).toEqual([]);
  });

  it('"kb new" in English → the English form', async () => {
    const card = onlyForm(await h.say('kb new', { ...admin, locale: 'en' }));
    expect(card.title).toBe(translate('en', 'kbEdit.title.new'));
    expect(inputs(card).find((i) => i.id === 'title')?.label).toBe(translate('en', 'kbEdit.titleField'));
  });

  it('missing title and an unknown application → the form again with every typed value kept and the problems listed; nothing saved', async () => {
    const typed = { ...NEW_ARTICLE, title: '', applications: 'app-panorama-viewer,app-bestaat-niet', tags: 'quark, scanner', audience: 'beheerder', language: 'en', published: 'false' };
    const card = onlyForm(await h.submit('kbEdit.save', typed, admin));
    expect(inputValues(card)).toEqual({
      id: 'kb-100',
      language: 'en',
      title: '',
      problem: NEW_ARTICLE.problem,
      solution: NEW_ARTICLE.solution,
      tags: 'quark, scanner',
      questions: '',
      applications: ['app-panorama-viewer', 'app-bestaat-niet'],
      audience: 'beheerder',
      published: false,
    });
    const [problems, ...rest] = warnings(card);
    expect(rest).toEqual([]);
    const lines = problems!.split('\n');
    expect(lines[0]).toBe(translate('nl', 'kbEdit.problems'));
    expect(lines.slice(1)).toHaveLength(2);
    expect(lines.find((l) => /titel/i.test(l))).toBeDefined();
    expect(lines.find((l) => l.includes('app-bestaat-niet'))).toBeDefined();
    // Still a new article: the save button says so.
    expect(card.actions?.[0]).toMatchObject({ id: 'kbEdit.save', data: { mode: 'new' } });
    expect(await h.services.kb.byIds(['kb-100'])).toEqual([]);
    expect(await auditOf('kb-100')).toEqual([]);
  });

  // Fails today: the problems are the import validator's English messages with internal paths
  // ("title: is required (text)", "applicationIds[1]: unknown application …"), also for a Dutch user.
  it('the problems name the form\'s own fields, in the user\'s language', async () => {
    const card = onlyForm(await h.submit('kbEdit.save', { ...NEW_ARTICLE, title: '', applications: 'app-bestaat-niet' }, admin));
    const lines = warnings(card)[0]!.split('\n').slice(1);
    expect(lines).toHaveLength(2);
    // Today: ["• title: is required (text)", "• applicationIds[0]: unknown application \"app-bestaat-niet\""].
    expect(lines).toContainEqual(expect.stringContaining(translate('nl', 'kbEdit.titleField')));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`${translate('nl', 'kbEdit.applications')}.*app-bestaat-niet`)));
    for (const line of lines) expect(line).not.toMatch(/is required|unknown application|applicationIds|\[\d+\]/);
  });

  it('a citizen service number in the solution → the form again with the text kept and a plain explanation; nothing saved', async () => {
    const typed = { ...NEW_ARTICLE, solution: 'Bel de patiënt met BSN 123 456 782 terug.' };
    const card = onlyForm(await h.submit('kbEdit.save', typed, admin));
    expect(inputValues(card).solution).toBe(typed.solution);
    const lines = warnings(card)[0]!.split('\n').slice(1);
    expect(lines).toEqual([`• ${translate('nl', 'kbEdit.problem.bsn', { field: translate('nl', 'kbEdit.solution'), found: '123 456 782' })}`]);
    // The explanation does not echo the number.
    expect(lines[0]).not.toContain('123 456 782');
    expect(await h.services.kb.byIds(['kb-100'])).toEqual([]);
  });

  it('a valid new article → saved, stored, found by search at once, audited with the administrator as actor', async () => {
    const card = onlyForm(await h.say('kb nieuw', admin));
    const text = onlyText(await h.submit('kbEdit.save', submission(card, NEW_ARTICLE), admin));
    expect(text).toBe(translate('nl', 'kbEdit.saved', { id: 'kb-100' }));

    const [entry] = await h.services.kb.byIds(['kb-100']);
    expect(entry).toMatchObject({
      id: 'kb-100', language: 'nl', title: NEW_ARTICLE.title, problem: NEW_ARTICLE.problem, solution: NEW_ARTICLE.solution,
      tags: ['quarkscanner', 'pas', 'balie'], applicationIds: ['app-identiteitsdienst'], audience: 'servicedesk', published: true,
      createdBy: harnessPersonId(ADMIN), updatedBy: harnessPersonId(ADMIN), createdAt: HARNESS_NOW.toISOString(),
    });

    // "Quarkscanner" is a word the knowledge base did not know: a care professional finds it right away.
    expect(firstOffered(await h.say('quarkscanner', { user: CARE }))).toBe('kb-100');
    expect((await h.services.kbSearch.search('quarkscaner lezen', { language: 'nl' }))[0]?.id).toBe('kb-100');

    const audit = await auditOf('kb-100');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'kb.entry.add', actor: harnessPersonId(ADMIN), after: { id: 'kb-100', title: NEW_ARTICLE.title } });
    expect(audit[0]!.before).toBeUndefined();
  });

  it('"kb bewerk kb-026" → the form filled in with the article', async () => {
    const [current] = await h.services.kb.byIds(['kb-026']);
    const card = onlyForm(await h.say('kb bewerk kb-026', admin));
    expect(card.title).toBe(translate('nl', 'kbEdit.title.edit', { id: 'kb-026' }));
    // The id is not editable: it travels with the save button.
    expect(inputs(card).map((i) => i.id)).toEqual(FIELDS.filter((f) => f !== 'id'));
    expect(inputValues(card)).toEqual({
      language: current!.language,
      title: current!.title,
      problem: current!.problem,
      solution: current!.solution,
      tags: current!.tags.join(', '),
      questions: '',
      applications: current!.applicationIds,
      audience: current!.audience,
      published: true,
    });
    expect(card.actions?.[0]).toMatchObject({ id: 'kbEdit.save', data: { mode: 'edit', id: 'kb-026' } });
  });

  it('changing the solution → saved, audited as kb.entry.update with before and after, created metadata kept', async () => {
    const [before] = await h.services.kb.byIds(['kb-026']);
    const card = onlyForm(await h.say('kb bewerk kb-026', admin));
    const later = new Date(HARNESS_NOW.getTime() + 3_600_000);
    h.clock.set(later);
    const solution = 'Gebruik "Wachtwoord vergeten" op het inlogscherm en volg de link in de mail binnen 15 minuten.';
    expect(onlyText(await h.submit('kbEdit.save', submission(card, { solution }), admin))).toBe(translate('nl', 'kbEdit.saved', { id: 'kb-026' }));

    const [after] = await h.services.kb.byIds(['kb-026']);
    expect(after).toEqual<KbEntry>({ ...before!, solution, updatedBy: harnessPersonId(ADMIN), updatedAt: later.toISOString() });
    expect(after!.createdAt).toBe(before!.createdAt);
    expect(after!.createdBy).toBe('test');

    const updates = (await auditOf('kb-026')).filter((a) => a.action === 'kb.entry.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ actor: harnessPersonId(ADMIN), at: later.toISOString() });
    expect((updates[0]!.before as KbEntry).solution).toBe(before!.solution);
    expect((updates[0]!.after as KbEntry).solution).toBe(solution);

    // The chat shows the new solution.
    const answers = (await h.say('wachtwoord vergeten', { user: CARE })).flatMap((r) => (r.kind === 'card' && r.card.kind === 'kb.answer' ? [r.card] : []));
    expect(answers[0]?.actions?.[0]).toMatchObject({ id: 'kb.helped', data: { entry: 'kb-026' } });
    expect(JSON.stringify(answers[0]!.blocks)).toContain('binnen 15 minuten');
  });

  it('editing with the solution emptied → the edit form again (still for kb-026) with the other values kept; then fixed, it saves', async () => {
    const [before] = await h.services.kb.byIds(['kb-026']);
    const card = onlyForm(await h.say('kb bewerk kb-026', admin));
    const again = onlyForm(await h.submit('kbEdit.save', submission(card, { solution: '', title: 'Wachtwoord kwijt' }), admin));
    expect(again.title).toBe(translate('nl', 'kbEdit.title.edit', { id: 'kb-026' }));
    expect(again.actions?.[0]).toMatchObject({ id: 'kbEdit.save', data: { mode: 'edit', id: 'kb-026' } });
    expect(inputValues(again)).toMatchObject({ title: 'Wachtwoord kwijt', solution: '', problem: before!.problem, applications: before!.applicationIds });
    expect(warnings(again)[0]).toMatch(/oplossing/i);
    expect(await h.services.kb.byIds(['kb-026'])).toEqual([before]);

    const fixed = onlyText(await h.submit('kbEdit.save', submission(again, { solution: 'Vraag een nieuw wachtwoord aan.' }), admin));
    expect(fixed).toBe(translate('nl', 'kbEdit.saved', { id: 'kb-026' }));
    expect((await h.services.kb.byIds(['kb-026']))[0]).toMatchObject({ title: 'Wachtwoord kwijt', solution: 'Vraag een nieuw wachtwoord aan.' });
  });

  it('saving the form unchanged → "nothing changed", no audit entry', async () => {
    const card = onlyForm(await h.say('kb bewerk kb-026', admin));
    expect(onlyText(await h.submit('kbEdit.save', submission(card), admin))).toBe(translate('nl', 'kbEdit.unchanged', { id: 'kb-026' }));
    expect((await auditOf('kb-026')).filter((a) => a.action === 'kb.entry.update')).toEqual([]);
  });

  it('"kb nieuw" with an id that already exists → the form with the "exists" problem, the article untouched', async () => {
    const [before] = await h.services.kb.byIds(['kb-026']);
    const card = onlyForm(await h.submit('kbEdit.save', { ...NEW_ARTICLE, id: 'kb-026' }, admin));
    expect(warnings(card)[0]).toContain(translate('nl', 'kbEdit.exists', { id: 'kb-026' }));
    expect(inputValues(card)).toMatchObject({ id: 'kb-026', title: NEW_ARTICLE.title, solution: NEW_ARTICLE.solution });
    expect(await h.services.kb.byIds(['kb-026'])).toEqual([before]);
  });

  it('"kb bewerk kb-999" → not found', async () => {
    expect(onlyText(await h.say('kb bewerk kb-999', admin))).toBe(translate('nl', 'kbEdit.notFound', { id: 'kb-999' }));
  });

  it('saved as a draft → the draft text; an administrator sees it, a care professional does not', async () => {
    const draft = { ...NEW_ARTICLE, id: 'kb-101', title: 'Quarkscanner concept', published: 'false' };
    expect(onlyText(await h.submit('kbEdit.save', draft, admin))).toBe(translate('nl', 'kbEdit.savedAsDraft', { id: 'kb-101' }));
    expect((await h.services.kb.byIds(['kb-101']))[0]).toMatchObject({ published: false });

    const asCare = await h.say('quarkscanner concept', { user: CARE });
    expect(JSON.stringify(asCare)).not.toContain('kb-101');

    const asAdminReplies = await h.say('quarkscanner concept', admin);
    expect(firstOffered(asAdminReplies)).toBe('kb-101');
    const asAdmin = asAdminReplies.flatMap((r) => (r.kind === 'card' && r.card.kind === 'kb.answer' ? [r.card] : []));
    expect(asAdmin[0]!.blocks).toContainEqual({ type: 'text', text: translate('nl', 'kb.answer.draft'), style: 'warning' });
  });

  it('a published article turned into a draft disappears for care professionals', async () => {
    const card = onlyForm(await h.say('kb bewerk kb-026', admin));
    expect(onlyText(await h.submit('kbEdit.save', submission(card, { published: 'false' }), admin))).toBe(translate('nl', 'kbEdit.savedAsDraft', { id: 'kb-026' }));
    expect(JSON.stringify(await h.say('wachtwoord vergeten', { user: CARE }))).not.toContain('"kb-026"');
  });
});

describe('forged kb-edit submissions', () => {
  it('an "edit" of an article that does not exist (a 20,000-character id) → not found, nothing stored, no form carrying the id', async () => {
    const id = 'x'.repeat(20_000);
    const replies = await h.submit('kbEdit.save', { ...NEW_ARTICLE, mode: 'edit', id }, admin);
    expect(onlyText(replies)).toBe(translate('nl', 'kbEdit.notFound', { id: id.slice(0, 100) }));
    expect(await h.services.kb.byIds([id])).toEqual([]);
  });
});
