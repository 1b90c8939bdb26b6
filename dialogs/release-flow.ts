import { randomUUID } from 'node:crypto';
import { confirmedNotPatientData, NOT_PATIENT_DATA } from '../cards/views/patient-details-blocks.ts';
import { releaseCard, releaseFormCard, releaseProblemText, type ReleaseFormValues } from '../cards/views/release-cards.ts';
import type { Translate } from '../cards/i18n/translate.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { cardReply, formReply, textReply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import { isCoordinator, type Person } from '../core/domain/access/types.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { ReleaseProblem, ReleaseService } from '../core/domain/releases/release-service.ts';
import { localDateTimeToIso } from './local-date-time.ts';

const OPEN = /^(?:wijziging|wijziging aankondigen|release|nieuwe versie|versie aankondigen|change|announce release|new version)$/i;
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Administrators announce a change or release of their application (new version, what changes, for whom, optional window). */
export function createReleaseFlow(deps: { releases: ReleaseService; directory: DirectoryRepository; people: People }): Flow<never> {
  async function personOf(inbound: Inbound): Promise<Person> {
    const person = await deps.people.of(inbound);
    return person.displayName || !inbound.actor.name ? person : { ...person, displayName: inbound.actor.name };
  }

  async function form(ctx: FlowContext, person: Person, values: ReleaseFormValues, problems: Parameters<typeof releaseFormCard>[3] = {}, formId = randomUUID().slice(0, 8)): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    const mine = isCoordinator(person) ? directory.applications : directory.applications.filter((a) => person.roles.some((g) => g.role === 'administrator' && g.organisationId === a.administratorId));
    if (!mine.length) return { replies: [textReply(ctx.t('release.forbidden'))] };
    return { replies: [formReply(releaseFormCard(ctx.t, values, mine, problems, formId), `release-form:${formId}`)] };
  }

  return {
    id: 'release',
    matches: (t) => OPEN.test(t),
    async start(ctx, inbound) {
      const person = await personOf(inbound);
      if (inbound.action?.id !== 'release.save') return form(ctx, person, {});
      const v = inbound.action.values;
      const values: ReleaseFormValues = {
        application: text(v.application), version: text(v.version), changes: text(v.changes), forWhom: text(v.forWhom),
        startDate: text(v.startDate), startTime: text(v.startTime), endDate: text(v.endDate), endTime: text(v.endTime),
        ...(confirmedNotPatientData(v[NOT_PATIENT_DATA]) ? { notPatientData: true } : {}),
      };
      const formId = /^[\w-]{1,40}$/.test(text(v.formId)) ? text(v.formId) : undefined;
      const anyWindow = [values.startDate, values.startTime, values.endDate, values.endTime].some((x) => x?.trim());
      let window: { startsAt: string; endsAt: string } | undefined;
      if (anyWindow) {
        const startsAt = values.startDate && values.startTime ? localDateTimeToIso(values.startDate, values.startTime, ctx.now) : undefined;
        const endsAt = values.endDate && values.endTime ? localDateTimeToIso(values.endDate, values.endTime, ctx.now) : undefined;
        if (!startsAt || !endsAt) return form(ctx, person, values, { window: { code: 'invalid' } }, formId);
        window = { startsAt, endsAt };
      }
      const result = await deps.releases.announce(person, { applicationId: values.application!, version: values.version!, changes: values.changes!, forWhom: values.forWhom!, ...(window ? { window } : {}), ...(values.notPatientData ? { notPatientData: true } : {}) });
      // Nothing typed is lost: the form comes back with the values and what to change.
      if (!result.ok && result.problem.code === 'invalid') return form(ctx, person, values, result.problem.fields, formId);
      if (!result.ok) return { replies: [textReply(releaseProblem(ctx.t, result.problem))] };
      const r = result.value;
      const channels = r.noticeId ? await deps.releases.channelCount(r) : 0;
      const said = channels ? ctx.t('release.done', { id: r.id, version: r.version, channels }) : ctx.t('release.done.noChannels', { id: r.id, version: r.version });
      return { replies: [textReply(r.maintenanceId ? `${said}\n${ctx.t('release.done.maintenance', { id: r.maintenanceId })}` : said), cardReply(releaseCard(ctx.t, r, await deps.directory.load()), `release-form:${formId ?? r.id}`)] };
    },
    capabilities: (t, audience) => (!audience || audience.administersApplication ? [{ title: t('release.capability.title'), text: t('release.capability.text'), administration: true }] : []),
  };
}

export function releaseProblem(t: Translate, problem: ReleaseProblem): string {
  if (problem.code === 'forbidden') return t('release.forbidden');
  const first = Object.values(problem.fields)[0];
  return first ? releaseProblemText(t, first) : t('incident.problem.invalid');
}
