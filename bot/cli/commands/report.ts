import { parseArgs } from 'node:util';
import { translator } from '../../../cards/i18n/translate.ts';
import { digestCard } from '../../../cards/views/report-cards.ts';
import { systemClock } from '../../../core/clock.ts';
import type { Incident } from '../../../core/domain/incidents/types.ts';
import { composeServices } from '../../compose-services.ts';
import { createLogger } from '../../logger.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';

const COLUMNS = ['id', 'created_at', 'layer', 'coordinator_id', 'application_ids', 'organisation_ids', 'impact', 'confidential', 'status', 'taken_at', 'resolved_at', 'closed_at', 'minutes_to_take', 'minutes_to_resolve'] as const;

/** One CSV field: quoted when it holds a separator, a quote or a line break. */
const field = (v: string | number | boolean | undefined) => {
  const s = v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const minutes = (from: string, to?: string) => (to ? Math.round((Date.parse(to) - Date.parse(from)) / 60_000) : undefined);

/** Metadata only (seed 001): ids, times, layers, parties and states; never titles, descriptions or updates. */
function csvRow(i: Incident): string {
  return [
    i.id, i.createdAt, i.layer, i.coordinatorId, i.applicationIds.join(' '), i.organisationIds.join(' '), i.impact, i.possibleDataLeak, i.status,
    i.takenAt, i.resolvedAt, i.closedAt, minutes(i.createdAt, i.takenAt), minutes(i.createdAt, i.resolvedAt),
  ].map(field).join(',');
}

/**
 * `ketenbot report day|week --org ID [--csv | --json]`: the last complete day or week of an organisation.
 * English like the rest of the CLI; `--lang nl` shows the report in Dutch, as the channels read it.
 */
export const report: CliCommand = {
  ...CLI_COMMANDS['report'],
  async run(ctx) {
    const { values, positionals } = parseArgs({ args: ctx.args, options: { org: { type: 'string' }, csv: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, lang: { type: 'string', default: 'en' } }, strict: true, allowPositionals: true });
    const kind = positionals[0];
    if (kind !== 'day' && kind !== 'week') throw new UsageError('give day or week');
    if (!values.org) throw new UsageError('give --org ID');
    if (values.lang !== 'nl' && values.lang !== 'en') throw new UsageError('--lang must be nl or en');
    if (values.csv && values.json) throw new UsageError('give --csv or --json, not both');
    const services = composeServices(await ctx.database(), systemClock, createLogger('silent', false));
    const directory = await services.directory.load();
    // An id, or a name as the chat accepts it.
    const wanted = values.org.trim().toLowerCase();
    const org = directory.organisations.find((o) => o.id.toLowerCase() === wanted) ?? directory.organisations.find((o) => o.name.toLowerCase() === wanted);
    if (!org) {
      ctx.err(`Unknown organisation "${values.org}" (see ketenbot directory export).`);
      return 1;
    }
    values.org = org.id;
    const period = services.reports.period(kind);
    if (values.csv) {
      ctx.out(COLUMNS.join(','));
      for (const i of await services.reports.incidentsFor(values.org, period)) ctx.out(csvRow(i));
      return 0;
    }
    const digest = await services.reports.digest(values.org, period);
    if (values.json) {
      ctx.out(JSON.stringify(digest, null, 2));
      return 0;
    }
    const card = digestCard(translator(values.lang), digest, directory);
    ctx.out(`${card.title} — ${card.subtitle}`);
    for (const block of card.blocks) {
      if (block.type === 'facts') for (const f of block.facts) ctx.out(`  ${f.label}: ${f.value}`);
      if (block.type === 'list') for (const item of block.items) ctx.out(`  ${item.title}: ${item.text ?? ''}`);
    }
    return 0;
  },
};
