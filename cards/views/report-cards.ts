import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { Digest } from '../../core/domain/reports/digest.ts';
import { LAYERS } from '../../core/domain/incidents/coordination-layer.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import type { CardView } from './card-view.ts';

/** "1 u 05 min" / "12 min" / "–". */
export function durationText(t: Translate, minutes: number | null): string {
  if (minutes === null) return '–';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? t('report.duration.hours', { hours: h, minutes: String(m).padStart(2, '0') }) : t('report.duration.minutes', { minutes: m });
}

/** Builds a report card with its chart (bot/reports/digest-view.ts renders and stores the chart). */
export type DigestView = (t: Translate, digest: Digest, directory: DirectoryDocument) => Promise<CardView>;

/** The day or week report of one organisation: counts and times only, complete in text. */
export function digestCard(t: Translate, digest: Digest, directory: DirectoryDocument, chart?: { url: string } | 'no-public-url'): CardView {
  const org = directory.organisations.find((o) => o.id === digest.organisationId)?.name ?? digest.organisationId;
  const app = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
  const i = digest.incidents;
  const period = digest.period.kind === 'day' ? t('report.period.day', { day: digest.period.firstDay }) : t('report.period.week', { week: digest.period.key, from: digest.period.firstDay, to: digest.period.lastDay });
  const layers = LAYERS.filter((l) => i.openedByLayer[l]).map((l) => `${t(`incident.layer.${l}` as MessageKey)} ${i.openedByLayer[l]}`).join(' · ');
  const apps = Object.entries(i.openedByApplication).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, n]) => `${app(id)} ${n}`).join(' · ');
  const title = t('report.title', { organisation: org });
  return {
    kind: 'report',
    title,
    subtitle: period,
    blocks: [
      { type: 'facts', facts: [
        { label: t('report.fact.opened'), value: String(i.opened) },
        { label: t('report.fact.resolved'), value: String(i.resolved) },
        { label: t('report.fact.open'), value: String(i.open) },
        ...(layers ? [{ label: t('report.fact.byLayer'), value: layers }] : []),
        ...(apps ? [{ label: t('report.fact.byApplication'), value: apps }] : []),
        { label: t('report.fact.take'), value: t('report.fact.times', { median: durationText(t, i.takeMinutes.median), p90: durationText(t, i.takeMinutes.p90), count: i.takeMinutes.count }) },
        { label: t('report.fact.resolve'), value: t('report.fact.times', { median: durationText(t, i.resolveMinutes.median), p90: durationText(t, i.resolveMinutes.p90), count: i.resolveMinutes.count }) },
        { label: t('report.fact.maintenance'), value: t('report.fact.maintenanceValue', { done: digest.maintenance.done, coming: digest.maintenance.coming }) },
        { label: t('report.fact.deliveriesFailed'), value: String(digest.deliveriesFailed) },
        { label: t('report.fact.kbUnanswered'), value: String(digest.kbUnanswered) },
      ] },
      ...(digest.period.kind === 'week'
        ? [{ type: 'list' as const, items: i.perDay.map((d) => ({ title: d.day, text: LAYERS.map((l) => `${t(`incident.layer.${l}` as MessageKey)} ${d.byLayer[l] ?? 0}`).join(' · ') })) }]
        : []),
      ...(chart === 'no-public-url' ? [{ type: 'text' as const, text: t('report.chart.noPublicUrl'), style: 'muted' as const }] : chart ? [{ type: 'image' as const, url: chart.url, alt: t('report.chart.alt') }] : []),
      { type: 'text', text: t('report.metadataOnly'), style: 'muted' },
    ],
    fallbackText: `${title} (${period}): ${t('report.fact.opened')} ${i.opened}, ${t('report.fact.resolved')} ${i.resolved}, ${t('report.fact.open')} ${i.open}`,
  };
}
