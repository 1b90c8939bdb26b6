import type { Flow } from '../core/conversation/flow.ts';
import { normalizeText } from '../core/conversation/normalize.ts';
import { asTyped } from './as-typed.ts';
import { cardReply, textReply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { ReportService } from '../core/domain/reports/report-service.ts';
import type { DigestView } from '../cards/views/report-cards.ts';

const REPORT = /^(?:rapport|rapportage|report)\s+(dag|day|week)(?:\s+(.+))?$/i;

/** `/ketenbot rapport dag|week [organisatie]`: the last complete day or week, for an organisation the person may see. */
export function createReportFlow(deps: { reports: ReportService; directory: DirectoryRepository; people: People; reportView: DigestView }): Flow<never> {
  return {
    id: 'report',
    matches: (t) => REPORT.test(t),
    isLookup: () => true,
    async start(ctx, inbound) {
      const m = REPORT.exec(normalizeText(inbound.text));
      if (!m) return { replies: [textReply(ctx.t('report.noOrganisation'))] };
      const kind = /^(dag|day)$/i.test(m[1]!) ? 'day' : 'week';
      const person = await deps.people.of(inbound);
      const target = await deps.reports.organisationFor(person, m[2]);
      if (!target.ok) {
        const p = target.problem;
        const text = p.code === 'unknown-organisation' ? ctx.t('report.unknownOrganisation', { query: asTyped(inbound.text, p.query) })
          : p.code === 'ambiguous-organisation' ? ctx.t('report.ambiguousOrganisation', { query: asTyped(inbound.text, p.query), names: p.names.join(', ') })
          : p.code === 'forbidden' ? ctx.t('report.forbidden') : ctx.t('report.noOrganisation');
        return { replies: [textReply(text)] };
      }
      const digest = await deps.reports.digest(target.organisationId, deps.reports.period(kind), { includeConfidential: deps.reports.linkedTo(person, target.organisationId) });
      return { replies: [cardReply(await deps.reportView(ctx.t, digest, await deps.directory.load()))] };
    },
    // Reports are for the chain's support staff; care staff are not shown them.
    capabilities: (t, audience) => (!audience || audience.roles.length ? [{ title: t('report.capability.title'), text: t('report.capability.text') }] : []),
  };
}
