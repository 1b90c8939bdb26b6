import type { Application } from '../../core/domain/directory/types.ts';
import { AUDIENCES } from '../../core/domain/knowledge-base/types.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { byName } from './by-name.ts';
import { cancelAction } from './cancel-action.ts';
import type { CardView } from './card-view.ts';
import { patientDetailsBlocks } from './patient-details-blocks.ts';

export interface KbFormValues {
  id?: string;
  language?: string;
  title?: string;
  problem?: string;
  solution?: string;
  tags?: string;
  /** Alternative questions, one per line. */
  questions?: string;
  applications?: string;
  audience?: string;
  published?: boolean;
  /** Confirmed: what looks like patient details is not. */
  notPatientData?: boolean;
}

/** The form's text fields that are checked for patient details, with their labels. */
export const KB_TEXT_FIELDS = { title: 'kbEdit.titleField', problem: 'kbEdit.problem', solution: 'kbEdit.solution' } as const;

/** The form to add or edit an article; sent back with the typed values and the problems. Only who may publish sees the "published" switch. */
export function kbEditCard(t: Translate, mode: 'new' | 'edit', values: KbFormValues, applications: Application[], problems: string[] = [], canPublish = true, patientDetailsIn: Array<keyof typeof KB_TEXT_FIELDS> = []): CardView {
  const title = mode === 'new' ? t('kbEdit.title.new') : t('kbEdit.title.edit', { id: values.id ?? '' });
  return {
    kind: 'kb.edit',
    title,
    blocks: [
      ...(problems.length ? [{ type: 'text' as const, text: [t('kbEdit.problems'), ...problems.map((p) => `• ${p}`)].join('\n'), style: 'warning' as const }] : []),
      ...(mode === 'new' ? [{ type: 'input' as const, input: { kind: 'text' as const, id: 'id', label: t('kbEdit.id'), value: values.id ?? '', required: true, requiredMessage: t('form.required'), maxLength: 100 } }] : []),
      { type: 'input', input: { kind: 'choice', id: 'language', label: t('kbEdit.language'), value: values.language ?? 'nl', choices: [{ title: t('kbEdit.language.nl'), value: 'nl' }, { title: t('kbEdit.language.en'), value: 'en' }] } },
      { type: 'input', input: { kind: 'text', id: 'title', label: t('kbEdit.titleField'), value: values.title ?? '', required: true, requiredMessage: t('form.required'), maxLength: 200 } },
      { type: 'input', input: { kind: 'text', id: 'problem', label: t('kbEdit.problem'), value: values.problem ?? '', multiline: true, required: true, requiredMessage: t('form.required'), maxLength: 4000 } },
      { type: 'input', input: { kind: 'text', id: 'solution', label: t('kbEdit.solution'), value: values.solution ?? '', multiline: true, required: true, requiredMessage: t('form.required'), maxLength: 8000 } },
      { type: 'input', input: { kind: 'text', id: 'tags', label: t('kbEdit.tags'), value: values.tags ?? '' } },
      // 50 questions of at most 300 characters, one per line.
      { type: 'input', input: { kind: 'text', id: 'questions', label: t('kbEdit.questions'), placeholder: t('kbEdit.questions.placeholder'), value: values.questions ?? '', multiline: true, maxLength: 15_100 } },
      {
        type: 'input',
        input: {
          kind: 'choice', id: 'applications', label: t('kbEdit.applications'), multiSelect: true,
          value: (values.applications ?? '').split(',').filter(Boolean), choices: byName(applications).map((a) => ({ title: a.name, value: a.id })),
        },
      },
      { type: 'input', input: { kind: 'choice', id: 'audience', label: t('kbEdit.audience'), value: values.audience ?? 'zorgverlener', choices: AUDIENCES.map((a) => ({ title: t(`kbEdit.audience.${a}` as MessageKey), value: a })) } },
      ...(canPublish ? [{ type: 'input' as const, input: { kind: 'toggle' as const, id: 'published', label: t('kbEdit.published'), value: values.published ?? true } }] : []),
      ...patientDetailsBlocks(t, patientDetailsIn.map((f) => t(KB_TEXT_FIELDS[f])), values.notPatientData),
    ],
    actions: [
      { kind: 'submit', id: 'kbEdit.save', label: t('kbEdit.save'), style: 'primary', data: { mode, ...(mode === 'edit' && values.id ? { id: values.id } : {}) } },
      // The flows send this form under "kb-edit:<id>" ("kb-edit:new" before an id is typed).
      ...(/^[\w.-]{1,100}$/.test(values.id ?? 'new') ? [cancelAction(t, `kb-edit:${values.id ?? 'new'}`)] : []),
    ],
    fallbackText: title,
  };
}
