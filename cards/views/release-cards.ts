import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { ReleaseField, ReleaseFieldProblem, VersionInfo } from '../../core/domain/releases/release-service.ts';
import type { Release } from '../../core/domain/releases/types.ts';
import type { Translate } from '../i18n/translate.ts';
import { byName } from './by-name.ts';
import { cancelAction } from './cancel-action.ts';
import type { CardView } from './card-view.ts';
import { localDateTime } from './incident-cards.ts';
import { maintenanceProblemText } from './maintenance-cards.ts';
import { patientDetailsBlocks } from './patient-details-blocks.ts';

export interface ReleaseFormValues {
  application?: string;
  version?: string;
  changes?: string;
  forWhom?: string;
  startDate?: string;
  startTime?: string;
  endDate?: string;
  endTime?: string;
  /** Confirmed: what looks like patient details is not. */
  notPatientData?: boolean;
}

export const releaseProblemText = (t: Translate, problem: ReleaseFieldProblem): string => maintenanceProblemText(t, problem);

/** The change/release form (a modal in Slack); the window is optional. */
export function releaseFormCard(t: Translate, values: ReleaseFormValues, applications: DirectoryDocument['applications'], problems: Partial<Record<ReleaseField, ReleaseFieldProblem>> = {}, formId?: string): CardView {
  const err = (field: ReleaseField) => (problems[field] ? { error: releaseProblemText(t, problems[field]!) } : {});
  return {
    kind: 'release.form',
    title: t('release.form.title'),
    blocks: [
      ...(Object.keys(problems).length ? [{ type: 'text' as const, text: t('incident.form.fix'), style: 'warning' as const }] : []),
      { type: 'input', input: { kind: 'choice', id: 'application', label: t('release.form.application'), required: true, requiredMessage: t('form.required'), value: values.application ?? '', choices: byName(applications).map((a) => ({ title: a.name, value: a.id })), ...err('application') } },
      { type: 'input', input: { kind: 'text', id: 'version', label: t('release.form.version'), value: values.version ?? '', required: true, requiredMessage: t('form.required'), maxLength: 50, placeholder: '5.1.0', ...err('version') } },
      { type: 'input', input: { kind: 'text', id: 'changes', label: t('release.form.changes'), value: values.changes ?? '', multiline: true, required: true, requiredMessage: t('form.required'), maxLength: 4000, ...err('changes') } },
      { type: 'input', input: { kind: 'text', id: 'forWhom', label: t('release.form.forWhom'), value: values.forWhom ?? '', maxLength: 300, ...err('forWhom') } },
      { type: 'text', text: t('release.form.window'), style: 'muted' },
      { type: 'input', input: { kind: 'date', id: 'startDate', label: t('maintenance.form.startDate'), value: values.startDate ?? '', ...err('window') } },
      { type: 'input', input: { kind: 'time', id: 'startTime', label: t('maintenance.form.startTime'), value: values.startTime ?? '' } },
      { type: 'input', input: { kind: 'date', id: 'endDate', label: t('maintenance.form.endDate'), value: values.endDate ?? '' } },
      { type: 'input', input: { kind: 'time', id: 'endTime', label: t('maintenance.form.endTime'), value: values.endTime ?? '' } },
      ...patientDetailsBlocks(t, (['changes', 'forWhom'] as const).filter((f) => problems[f]?.code === 'patient-details').map((f) => t(f === 'changes' ? 'release.form.changes' : 'release.form.forWhom')), values.notPatientData),
    ],
    actions: [
      { kind: 'submit', id: 'release.save', label: t('release.form.save'), style: 'primary', ...(formId ? { data: { formId } } : {}) },
      // The flow sends this form under "release-form:<formId>".
      ...(formId ? [cancelAction(t, `release-form:${formId}`)] : []),
    ],
    fallbackText: t('release.form.title'),
  };
}

export function releaseCard(t: Translate, r: Release, directory: DirectoryDocument): CardView {
  const app = directory.applications.find((a) => a.id === r.applicationId);
  const admin = directory.organisations.find((o) => o.id === app?.administratorId)?.name ?? app?.administratorId ?? '';
  const name = app?.name ?? r.applicationId;
  return {
    kind: 'release',
    title: t('release.card.title', { application: name, version: r.version }),
    subtitle: `${r.id} · ${admin}`,
    badge: { text: t('release.card.badge'), tone: 'accent' },
    blocks: [
      { type: 'facts', facts: [
        { label: t('release.fact.version'), value: r.version },
        { label: t('release.fact.when'), value: localDateTime(r.releasedAt) },
        ...(r.forWhom ? [{ label: t('release.fact.forWhom'), value: r.forWhom }] : []),
        ...(r.maintenanceId ? [{ label: t('release.fact.maintenance'), value: r.maintenanceId }] : []),
      ] },
      { type: 'text', text: r.changes },
    ],
    fallbackText: t('release.card.title', { application: name, version: r.version }),
  };
}

/** "Versie 5.1 sinds 2026-11-24 20:00 · 3 incidenten sinds deze versie (1 in dezelfde tijd ervoor)". */
export function versionLine(t: Translate, info: VersionInfo): string {
  return t('release.versionLine', { version: info.version, since: localDateTime(info.since), after: info.incidentsSince, before: info.incidentsBefore });
}
