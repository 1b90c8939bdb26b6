import { translator, type MessageKey } from '../cards/i18n/translate.ts';
import { KNOWN_ISSUES_MAX_AGE_MS, type KnownIssue, type KnownIssuesSource } from '../core/domain/known-issues.ts';
import type { IncidentRepository } from '../core/domain/incidents/incident-repository.ts';

/**
 * Open incidents on an application, for the decision tree and knowledge-base answers: only those
 * announced in the chain anyway (never local or confidential ones, which stay with their organisations).
 */
export function incidentKnownIssues(incidents: IncidentRepository): KnownIssuesSource {
  return {
    async forApplication(applicationId, _now, locale): Promise<KnownIssue[]> {
      const t = translator(locale);
      const open = await incidents.list({ statuses: ['new', 'in-progress'], maxAgeMs: KNOWN_ISSUES_MAX_AGE_MS });
      return open
        .filter((i) => !i.possibleDataLeak && i.layer !== 'local' && i.applicationIds.includes(applicationId))
        .map((i) => ({ kind: 'incident', applicationId, title: `${i.id}: ${i.title}`, detail: `${t(`incident.status.${i.status}` as MessageKey)} · ${t(`incident.impact.${i.impact}` as MessageKey)}` }));
    },
  };
}
