import { parseArgs } from 'node:util';
import type { DeliveryRecoveryKind } from '../../../core/delivery/delivery.ts';
import type { DeliveryReportRow } from '../../../core/delivery/outbox-repository.ts';
import { TypeOrmOutboxRepository } from '../../../storage/delivery/typeorm-outbox-repository.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';
import { counted } from '../counted.ts';

const STATUSES = ['sent', 'pending', 'sending', 'retrying', 'dead', 'uncertain', 'superseded'] as const;
/** What the crash policy did with a delivery left in flight (core/delivery/delivery-recovery.ts). */
const RECOVERED: Record<DeliveryRecoveryKind, string> = {
  confirmed: 'confirmed arrived after a crash',
  'not-sent': 'had not arrived at a crash, sent again',
  resent: 'unconfirmable at a crash, sent again marked "possibly repeated"',
};

function recoveredText(recovered: DeliveryReportRow['recovered']): string {
  return Object.entries(recovered ?? {}).map(([kind, n]) => `${n} ${RECOVERED[kind as DeliveryRecoveryKind]}`).join('; ');
}

/** `ketenbot deliveries [--notice ID] [--json]`: per channel, how many sends are sent, pending, retrying, dead or uncertain. */
export const deliveries: CliCommand = {
  ...CLI_COMMANDS['deliveries'],
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { notice: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
    const rows = await new TypeOrmOutboxRepository(await ctx.database()).report(values.notice);
    if (values.json) {
      ctx.out(JSON.stringify(rows.map((r) => ({ ...r, counts: Object.fromEntries(STATUSES.map((s) => [s, r.counts[s] ?? 0])) })), null, 2));
      return 0;
    }
    if (!rows.length) {
      ctx.out(values.notice ? `No deliveries for notice ${values.notice}.` : 'No deliveries yet.');
      return 0;
    }
    ctx.out(['notice', 'platform', 'channel', 'organisation', ...STATUSES.slice(0, 6), 'notes'].join('\t'));
    for (const r of rows) {
      const notes = [recoveredText(r.recovered), r.lastError ?? ''].filter(Boolean).join('; ');
      ctx.out([r.noticeId, r.platform, r.channelId, r.organisationId, ...STATUSES.slice(0, 6).map((s) => String(r.counts[s] ?? 0))].join('\t') + (notes ? `\t${notes}` : ''));
    }
    return 0;
  },
};

/**
 * `ketenbot deliveries resend --failed --notice ID`: dead and uncertain deliveries go out again (an
 * uncertain one marked "possibly repeated"); a sent one never, also not one a check confirmed.
 */
export const deliveriesResend: CliCommand = {
  ...CLI_COMMANDS['deliveries resend'],
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { notice: { type: 'string' }, failed: { type: 'boolean', default: false } }, strict: true });
    if (!values.failed || !values.notice) throw new UsageError('give --failed and --notice ID');
    const count = await new TypeOrmOutboxRepository(await ctx.database()).resend(values.notice, new Date());
    ctx.out(`${counted(count, 'delivery', 'deliveries')} of notice ${values.notice} queued again; the running bot sends ${count === 1 ? 'it' : 'them'}.`);
    return 0;
  },
};
