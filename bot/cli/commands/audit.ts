import { parseArgs } from 'node:util';
import { fromLocal } from '../../../core/time/amsterdam-time.ts';
import { TypeOrmAuditLog } from '../../../storage/audit/typeorm-audit-log.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';

/** "7d", "12h", "30m" or an ISO date → the moment it means. */
export function parseSince(value: string, now: Date): Date | undefined {
  const relative = /^(\d+)\s*([dhm])$/i.exec(value.trim());
  if (relative) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2]!.toLowerCase() as 'd' | 'h' | 'm'];
    return new Date(now.getTime() - Number(relative[1]) * unit);
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  // A bare date means midnight in the Netherlands, not in UTC.
  if (day) return fromLocal(Number(day[1]), Number(day[2]), Number(day[3]), 0);
  const absolute = new Date(value);
  return Number.isNaN(absolute.getTime()) ? undefined : absolute;
}

/** `ketenbot audit --since 7d [--json]`: every recorded change since then. */
export const audit: CliCommand = {
  ...CLI_COMMANDS['audit'],
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { since: { type: 'string', default: '7d' }, json: { type: 'boolean', default: false } }, strict: true });
    const since = parseSince(values.since, new Date());
    if (!since) throw new UsageError(`--since must be like 7d, 12h, 30m or a date (got "${values.since}")`);
    const entries = await new TypeOrmAuditLog(await ctx.database()).since(since);
    if (values.json) {
      ctx.out(JSON.stringify(entries, null, 2));
      return 0;
    }
    if (!entries.length) ctx.out(`No changes since ${since.toISOString()}.`);
    for (const e of entries) ctx.out(`${e.at}  ${e.actor}  ${e.action}  ${e.subjectType}:${e.subjectId}`);
    return 0;
  },
};
