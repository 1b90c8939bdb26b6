import { translator } from '../cards/i18n/translate.ts';
import { localDateTime } from '../cards/views/incident-cards.ts';
import { KNOWN_ISSUES_MAX_AGE_MS, type KnownIssue, type KnownIssuesSource } from '../core/domain/known-issues.ts';
import type { MaintenanceRepository } from '../core/domain/maintenance/maintenance-repository.ts';

const DAY = 86_400_000;

/** Maintenance running now, or starting within 24 hours, on an application: shown first in the tree and the knowledge base. */
export function maintenanceKnownIssues(maintenance: MaintenanceRepository): KnownIssuesSource {
  return {
    async forApplication(applicationId, now, locale): Promise<KnownIssue[]> {
      const t = translator(locale);
      const active = await maintenance.list({ statuses: ['planned', 'running', 'extended'], maxAgeMs: KNOWN_ISSUES_MAX_AGE_MS });
      return active
        .filter((m) => m.applicationIds.includes(applicationId))
        .filter((m) => m.status !== 'planned' || Date.parse(m.startsAt) - now.getTime() <= DAY)
        .filter((m) => Date.parse(m.endsAt) > now.getTime())
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .map((m) => ({
          kind: 'maintenance' as const, applicationId, title: `${m.id}: ${m.description.split('\n')[0]!.slice(0, 120)}`,
          detail: m.status === 'planned' || Date.parse(m.startsAt) > now.getTime()
            ? t('maintenance.known.planned', { start: localDateTime(m.startsAt), end: localDateTime(m.endsAt) })
            : t('maintenance.known.running', { end: localDateTime(m.endsAt) }),
        }));
    },
  };
}
