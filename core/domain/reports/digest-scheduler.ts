import { createHash } from 'node:crypto';
import type { CardView } from '../../../cards/views/card-view.ts';
import type { Clock } from '../../clock.ts';
import type { Announcer } from '../../delivery/announcer.ts';
import type { OutboxRepository } from '../../delivery/outbox-repository.ts';
import { localParts } from '../../time/amsterdam-time.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import type { DirectoryDocument } from '../directory/types.ts';
import type { Digest } from './digest.ts';
import type { DigestSettings } from './digest-settings.ts';
import { lastCompletePeriod, type ReportKind } from './report-period.ts';
import type { ReportService } from './report-service.ts';

const EIGHT = 8 * 60;

/**
 * The scheduled digests (seed 004 day and week reports): daily at 08:00 and on Monday at 08:00
 * (Europe/Amsterdam), into each alert channel whose setting asks for it, through the outbox.
 * Once per channel and period, also across restarts: the notice id comes from the channel and the
 * period, so a second attempt is refused by the outbox itself. A bot that was down at 08:00 still
 * posts later that day (daily) or until Tuesday 08:00 (weekly), not after.
 */
export class DigestScheduler {
  constructor(private readonly d: {
    reports: ReportService;
    settings: DigestSettings;
    announcer: Announcer;
    outbox: OutboxRepository;
    directory: DirectoryRepository;
    card: (digest: Digest, directory: DirectoryDocument) => Promise<CardView>;
    clock: Clock;
  }) {}

  async sweep(): Promise<Array<{ linkId: string; kind: ReportKind; key: string }>> {
    const now = this.d.clock.now();
    const local = localParts(now);
    const due: ReportKind[] = [];
    if (local.minutes >= EIGHT) due.push('day');
    // Monday from 08:00, or Tuesday before 08:00 (a bot that was down on Monday morning).
    if ((local.weekday === 1 && local.minutes >= EIGHT) || (local.weekday === 2 && local.minutes < EIGHT)) due.push('week');
    if (!due.length) return [];
    const directory = await this.d.directory.load();
    const posted: Array<{ linkId: string; kind: ReportKind; key: string }> = [];
    for (const organisation of directory.organisations) {
      const targets = await this.d.announcer.targets([organisation.id]);
      for (const kind of due) {
        const period = lastCompletePeriod(kind, now);
        const wanted = [];
        for (const target of targets) {
          const frequency = await this.d.settings.frequency(target.linkId);
          if ((kind === 'day' && frequency === 'daily') || (kind === 'week' && frequency === 'weekly')) wanted.push(target);
        }
        // Only channels still without this period's digest: the card (and its chart) is made once, when needed.
        const missing = [];
        for (const target of wanted) {
          const id = `dg-${createHash('sha256').update(`${target.linkId}|${kind}|${period.key}`).digest('hex').slice(0, 32)}`;
          if (!(await this.d.outbox.notice(id))) missing.push({ target, id });
        }
        if (!missing.length) continue;
        const digest = await this.d.reports.digest(organisation.id, period);
        const card = await this.d.card(digest, directory);
        for (const { target, id } of missing) {
          try {
            const at = now.toISOString();
            await this.d.outbox.publish({ id, kind: 'report', subjectId: `${organisation.id}:${period.key}`, version: 1, card, createdAt: at, updatedAt: at }, [target]);
            posted.push({ linkId: target.linkId, kind, key: period.key });
          } catch (error) {
            // Another process (or an earlier round that crashed after writing) got there first.
            if (await this.d.outbox.notice(id)) continue;
            throw error;
          }
        }
      }
    }
    return posted;
  }
}
