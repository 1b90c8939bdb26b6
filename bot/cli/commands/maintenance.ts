import { parseArgs } from 'node:util';
import { translator, type MessageKey } from '../../../cards/i18n/translate.ts';
import { localDateTime } from '../../../cards/views/incident-cards.ts';
import { maintenanceProblemText } from '../../../cards/views/maintenance-cards.ts';
import { systemClock } from '../../../core/clock.ts';
import type { Person } from '../../../core/domain/access/types.ts';
import type { Problem } from '../../../core/domain/directory/validate-directory.ts';
import { MAINTENANCE_IMPACTS, type MaintenanceDraft, type MaintenanceImpact } from '../../../core/domain/maintenance/types.ts';
import { localDateTimeToIso } from '../../../dialogs/local-date-time.ts';
import { maintenanceProblem } from '../../../dialogs/maintenance-flow.ts';
import { composeServices } from '../../compose-services.ts';
import { createLogger } from '../../logger.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';
import { readJsonFile } from '../import-file.ts';
import { counted } from '../counted.ts';

/** The CLI acts for the operator who runs it, with the rights of chain coordination. */
const CLI_PERSON: Person = { id: 'cli', platform: 'local', userId: 'cli', displayName: 'ketenbot CLI', organisationIds: [], roles: [{ role: 'chain-coordinator' }] };

/** "2026-11-24 20:00" / "2026-11-24T20:00" in Dutch time, or an ISO instant with its offset. */
function instant(value: unknown, now: Date): string | undefined {
  if (typeof value !== 'string') return undefined;
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})(?::\d{2})?$/.exec(value.trim());
  if (local) return localDateTimeToIso(local[1], local[2], now);
  return /(?:Z|[+-]\d{2}:?\d{2})$/.test(value.trim()) && Number.isFinite(Date.parse(value)) ? new Date(value).toISOString() : undefined;
}

/**
 * `ketenbot maintenance schedule --file F`: one maintenance notice or a list ({"maintenance": [...]} or [...]):
 * applications, start, end (Dutch time "2026-11-24 20:00" or ISO with offset), impact, description, contact.
 * Every entry is checked first; nothing is announced unless all are valid.
 */
export const maintenanceSchedule: CliCommand = {
  ...CLI_COMMANDS['maintenance schedule'],
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { file: { type: 'string' } }, strict: true });
    if (!values.file) throw new UsageError('give --file FILE');
    const file = readJsonFile(ctx, values.file);
    if (!file) return 1;
    const raw = file.value as unknown;
    const items = Array.isArray(raw) ? raw : raw && typeof raw === 'object' && Array.isArray((raw as { maintenance?: unknown }).maintenance) ? (raw as { maintenance: unknown[] }).maintenance : [raw];
    if (!items.length) {
      ctx.err(`Nothing was announced: ${values.file} holds no maintenance.`);
      return 1;
    }
    const services = composeServices(await ctx.database(), systemClock, createLogger('silent', false));
    const directory = await services.directory.load();
    const now = new Date();
    const t = translator('en');
    const problems: Problem[] = [];
    const drafts: MaintenanceDraft[] = items.map((item, i) => {
      const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      const apps = Array.isArray(o.applications) ? o.applications : Array.isArray(o.applicationIds) ? o.applicationIds : typeof o.applications === 'string' ? o.applications.split(',') : [];
      const draft: MaintenanceDraft = {
        applicationIds: apps.map((a) => String(a).trim()).filter(Boolean),
        startsAt: instant(o.start ?? o.startsAt, now) ?? 'invalid', endsAt: instant(o.end ?? o.endsAt, now) ?? 'invalid',
        impact: ((MAINTENANCE_IMPACTS as readonly string[]).includes(String(o.impact)) ? o.impact : o.impact === undefined ? 'degraded' : '') as MaintenanceImpact,
        description: typeof o.description === 'string' ? o.description : '', contact: typeof o.contact === 'string' ? o.contact : '',
        // The patient-details warning is for chat forms, where it can be confirmed; a file is refused only for a BSN.
        notPatientData: true,
      };
      // The file's own names: start, end, applications.
      const name: Record<string, string> = { startsAt: 'start', endsAt: 'end', applications: 'applications' };
      for (const [field, problem] of Object.entries(services.maintenance.check(draft, directory, now))) {
        const message = field === 'impact' ? `must be one of ${MAINTENANCE_IMPACTS.join(', ')}` : problem.code === 'required' ? 'is required' : maintenanceProblemText(t, problem);
        problems.push({ path: `[${i}].${name[field] ?? field}`, message });
      }
      return draft;
    });
    if (problems.length) {
      ctx.err(`Nothing was announced: ${counted(problems.length, 'problem', 'problems')} in ${values.file}:`);
      for (const p of problems) ctx.err(`  ${p.path}: ${p.message}`);
      return 1;
    }
    for (const draft of drafts) {
      const result = await services.maintenance.schedule(CLI_PERSON, draft);
      if (!result.ok) {
        ctx.err(maintenanceProblem(t, result.problem));
        return 1;
      }
      const m = result.value;
      ctx.out(`${m.id}: ${m.applicationIds.join(', ')} ${localDateTime(m.startsAt)} – ${localDateTime(m.endsAt)} announced${m.noticeId ? ` to ${counted(await services.maintenance.channelCount(m), 'alert channel', 'alert channels')} (notice ${m.noticeId}; the running bot delivers it)` : ' (no alert channel linked for the organisations involved yet)'}.`);
    }
    return 0;
  },
};

/** `ketenbot maintenance list [--json]`: planned and running maintenance. */
export const maintenanceList: CliCommand = {
  ...CLI_COMMANDS['maintenance list'],
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { json: { type: 'boolean', default: false } }, strict: true });
    const services = composeServices(await ctx.database(), systemClock, createLogger('silent', false));
    const active = await services.maintenance.active();
    if (values.json) {
      ctx.out(JSON.stringify(active.map((m) => ({ id: m.id, status: m.status, applicationIds: m.applicationIds, startsAt: m.startsAt, endsAt: m.endsAt, impact: m.impact, audienceIds: m.audienceIds, noticeId: m.noticeId ?? null })), null, 2));
      return 0;
    }
    if (!active.length) ctx.out('No planned or running maintenance.');
    const t = translator('en');
    for (const m of active) ctx.out(`${m.id}\t${t(`maintenance.status.${m.status}` as MessageKey)}\t${localDateTime(m.startsAt)} – ${localDateTime(m.endsAt)}\t${m.applicationIds.join(', ')}`);
    return 0;
  },
};
