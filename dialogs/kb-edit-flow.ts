import { KB_TEXT_FIELDS, kbEditCard, type KbFormValues } from '../cards/views/kb-edit-card.ts';
import { confirmedNotPatientData, NOT_PATIENT_DATA } from '../cards/views/patient-details-blocks.ts';
import { audienceHas, type Flow, type FlowContext, type FlowStep } from '../core/conversation/flow.ts';
import { formReply, textReply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import { importKbEntries } from '../core/domain/knowledge-base/import-entries.ts';
import { validateKbEntries } from '../core/domain/knowledge-base/validate-entries.ts';
import { fieldsWithPatientDetails } from '../core/domain/privacy/patient-details.ts';
import type { KbRepository } from '../core/domain/knowledge-base/kb-repository.ts';
import { kbRights } from '../core/domain/knowledge-base/kb-rights.ts';
import type { KbSearch } from '../core/domain/knowledge-base/kb-search.ts';
import { accessErrorText } from './access-error-text.ts';
import { kbProblemText } from './kb-problem-text.ts';
import type { Translate } from '../cards/i18n/translate.ts';
import type { Problem } from '../core/domain/directory/validate-directory.ts';
import { QUESTION_LIMITS } from '../core/domain/knowledge-base/alternative-questions.ts';
import { directoryNames } from '../core/domain/directory/directory-names.ts';

const NEW = /^(?:kb|kennisbank) (?:nieuw|toevoegen|new|add)$/i;
const EDIT = /^(?:kb|kennisbank) (?:bewerk|bewerken|wijzig|edit)\s+(\S+)$/i;

/** The form's alternative questions: one per line, empty lines left out, each with its line number (for problems). */
const questionLines = (value: string | undefined) =>
  (value ?? '').split(/\r?\n/).map((line, i) => ({ line: i + 1, text: line.trim() })).filter((l) => l.text);

/** A validator problem in the form's words; problems with the alternative questions name the line. */
function problemText(t: Translate, problem: Problem, values: KbFormValues): string {
  const at = /^entries\[\d+\]\.questions(?:\[(\d+)\])?$/.exec(problem.path);
  if (!at) return kbProblemText(t, problem);
  const field = t('kbEdit.questions').replace(/\s*\(.*\)$/, '');
  const lines = questionLines(values.questions);
  if (at[1] === undefined) {
    return /at most/.test(problem.message)
      ? t('kbEdit.problem.tooManyQuestions', { field, max: QUESTION_LIMITS.perEntry, count: lines.length })
      : t('kbEdit.problem.invalid', { field, message: problem.message });
  }
  const line = lines[Number(at[1])]?.line ?? Number(at[1]) + 1;
  const found = /"([^"]+)"/.exec(problem.message)?.[1] ?? '';
  if (/shorter than/.test(problem.message)) return t('kbEdit.problem.questionTooShort', { field, line, min: QUESTION_LIMITS.min });
  if (/longer than/.test(problem.message)) return t('kbEdit.problem.questionTooLong', { field, line, max: QUESTION_LIMITS.max });
  if (/citizen service number/.test(problem.message)) return t('kbEdit.problem.questionBsn', { field, line });
  if (/patient's name/.test(problem.message)) return t('kbEdit.problem.questionPatient', { field, line, found });
  return t('kbEdit.problem.invalid', { field: `${field} (${line})`, message: problem.message });
}

const text = (v: unknown) => (Array.isArray(v) ? v.join(',') : v === undefined || v === null ? '' : String(v));

/**
 * The national knowledge base is written with a form (a modal in Slack); every change is audited.
 * Chain coordination writes and publishes; knowledge-base editors and RSO administrators write
 * drafts, and may not change what is published (see kb-rights.ts).
 */
export function createKbEditFlow(deps: { kb: KbRepository; kbSearch: KbSearch; people: People; directory: DirectoryRepository }): Flow<never> {
  async function form(ctx: FlowContext, mode: 'new' | 'edit', values: KbFormValues, canPublish: boolean, problems: string[] = [], patientDetailsIn: Array<keyof typeof KB_TEXT_FIELDS> = []): Promise<FlowStep<never>> {
    const applications = (await deps.directory.load()).applications;
    return { replies: [formReply(kbEditCard(ctx.t, mode, values, applications, problems, canPublish, patientDetailsIn), `kb-edit:${values.id ?? 'new'}`)] };
  }

  return {
    id: 'kbEdit',
    matches: (t) => NEW.test(t) || EDIT.test(t),
    async start(ctx, inbound) {
      const person = await deps.people.of(inbound);
      const rights = kbRights(person, await deps.directory.load());
      if (!rights.allowed) return { replies: [textReply(accessErrorText(ctx.t, { code: 'forbidden', neededRole: rights.neededRole }))] };
      const canPublish = rights.publish;
      const raw = (inbound.text ?? '').trim();
      if (inbound.action?.id === 'kbEdit.save') {
        const v = inbound.action.values;
        const mode = v.mode === 'edit' ? 'edit' : 'new';
        const values: KbFormValues = {
          id: text(v.id).trim(), language: text(v.language), title: text(v.title), problem: text(v.problem), solution: text(v.solution),
          tags: text(v.tags), questions: text(v.questions), applications: text(v.applications), audience: text(v.audience), published: canPublish && (v.published === true || v.published === 'true'),
          ...(confirmedNotPatientData(v[NOT_PATIENT_DATA]) ? { notPatientData: true } : {}),
        };
        const [existing] = values.id ? await deps.kb.byIds([values.id]) : [];
        if (mode === 'new' && existing) return form(ctx, mode, values, canPublish, [ctx.t('kbEdit.exists', { id: values.id! })]);
        // Only an article that exists can be edited (a forged id never travels back in the form's button data).
        if (mode === 'edit' && !existing) return { replies: [textReply(ctx.t('kbEdit.notFound', { id: (values.id ?? '').slice(0, 100) }))] };
        if (existing?.published && !canPublish) return { replies: [textReply(ctx.t('kbEdit.publishedNeedsCoordinator', { id: existing.id }))] };
        const directory = await deps.directory.load();
        const known = new Set(directory.applications.map((a) => a.id));
        const notNames = directoryNames(directory);
        const entry = {
          id: values.id, language: values.language, title: values.title, problem: values.problem, solution: values.solution,
          tags: (values.tags ?? '').split(',').map((s) => s.trim()).filter(Boolean),
          questions: questionLines(values.questions).map((l) => l.text),
          applicationIds: (values.applications ?? '').split(',').map((s) => s.trim()).filter(Boolean),
          audience: values.audience, published: values.published,
        };
        // A name or a date of birth: the form comes back with a warning (and every other problem) until the editor confirms.
        if (!values.notPatientData) {
          const flagged = fieldsWithPatientDetails({ title: values.title, problem: values.problem, solution: values.solution }, { now: ctx.now, notNames });
          if (flagged.length) {
            const checked = validateKbEntries({ entries: [entry] }, known, { now: ctx.now, notNames });
            const others = 'problems' in checked ? checked.problems.map((p) => problemText(ctx.t, p, values)) : [];
            const warned = flagged.map((f) => `${ctx.t(KB_TEXT_FIELDS[f]).replace(/\s*\(.*\)$/, '')}: ${ctx.t('privacy.patient.field')}`);
            return form(ctx, mode, values, canPublish, [...others, ...warned], flagged);
          }
        }
        const result = await importKbEntries(deps.kb, { entries: [entry] }, { actor: person.id, now: ctx.now, knownApplicationIds: known, notNames });
        // Nothing typed is lost: the form comes back with the values and what to change.
        if ('problems' in result) return form(ctx, mode, values, canPublish, result.problems.map((p) => problemText(ctx.t, p, values)));
        deps.kbSearch.invalidate();
        if (!result.added && !result.updated) return { replies: [textReply(ctx.t('kbEdit.unchanged', { id: values.id ?? '' }))] };
        return { replies: [textReply(ctx.t(values.published ? 'kbEdit.saved' : canPublish ? 'kbEdit.savedAsDraft' : 'kbEdit.savedForReview', { id: values.id ?? '' }))] };
      }
      const edit = EDIT.exec(raw);
      if (edit) {
        const [entry] = await deps.kb.byIds([edit[1]!]);
        if (!entry) return { replies: [textReply(ctx.t('kbEdit.notFound', { id: edit[1]! }))] };
        if (entry.published && !canPublish) return { replies: [textReply(ctx.t('kbEdit.publishedNeedsCoordinator', { id: entry.id }))] };
        return form(ctx, 'edit', {
          id: entry.id, language: entry.language, title: entry.title, problem: entry.problem, solution: entry.solution,
          tags: entry.tags.join(', '), questions: entry.questions.join('\n'), applications: entry.applicationIds.join(','), audience: entry.audience, published: entry.published,
        }, canPublish);
      }
      return form(ctx, 'new', {}, canPublish);
    },
    // The same people as kbRights: editors, RSO administrators and chain coordination.
    capabilities: (t, audience) => (!audience || audience.administersRso || audienceHas(audience, 'kb-editor', 'chain-coordinator')
      ? [{ title: t('kbEdit.capability.title'), text: t('kbEdit.capability.text'), administration: true }]
      : []),
  };
}
