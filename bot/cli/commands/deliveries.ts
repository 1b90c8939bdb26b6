import { parseArgs } from 'node:util';
import { TypeOrmOutboxRepository } from '../../../storage/delivery/typeorm-outbox-repository.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { counted } from '../counted.ts';

const STATUSES = ['sent', 'pending', 'sending', 'retrying', 'dead', 'uncertain', 'superseded'] as const;

/** `ketenbot deliveries [--notice ID] [--json]`: per channel, how many sends are sent, pending, retrying, dead or uncertain. */
export const deliveries: CliCommand = {
  name: 'deliveries',
  summary: 'Delivery report per channel: sent, pending, retrying, dead and uncertain',
  usage: 'ketenbot deliveries [--notice ID] [--json]',
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
    ctx.out(['notice', 'platform', 'channel', 'organisation', ...STATUSES.slice(0, 6)].join('\t'));
    for (const r of rows) {
      ctx.out([r.noticeId, r.platform, r.channelId, r.organisationId, ...STATUSES.slice(0, 6).map((s) => String(r.counts[s] ?? 0))].join('\t') + (r.lastError ? `\t${r.lastError}` : ''));
    }
    return 0;
  },
};

/** `ketenbot deliveries resend --failed --notice ID`: dead and uncertain deliveries go out again. */
export const deliveriesResend: CliCommand = {
  name: 'deliveries resend',
  summary: 'Queue the failed (dead and uncertain) deliveries of a notice again',
  usage: 'ketenbot deliveries resend --failed --notice ID',
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { notice: { type: 'string' }, failed: { type: 'boolean', default: false } }, strict: true });
    if (!values.failed || !values.notice) throw new UsageError('give --failed and --notice ID');
    const count = await new TypeOrmOutboxRepository(await ctx.database()).resend(values.notice, new Date());
    ctx.out(`${counted(count, 'delivery', 'deliveries')} of notice ${values.notice} queued again; the running bot sends ${count === 1 ? 'it' : 'them'}.`);
    return 0;
  },
};
