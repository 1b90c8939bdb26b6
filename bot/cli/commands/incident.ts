import { parseArgs } from 'node:util';
import { translator, type MessageKey } from '../../../cards/i18n/translate.ts';
import { reasonText } from '../../../cards/views/incident-cards.ts';
import { systemClock } from '../../../core/clock.ts';
import type { DirectoryDocument } from '../../../core/domain/directory/types.ts';
import { routeProblemText } from '../../../dialogs/incident-flow.ts';
import { composeServices } from '../../compose-services.ts';
import { createLogger } from '../../logger.ts';
import { TypeOrmChannelLinkRepository } from '../../../storage/access/typeorm-channel-link-repository.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';

const ids = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** An id, or else a name (any case) from the directory: "org-vp-de-meander" or "Verloskundigenpraktijk De Meander". */
function resolve(list: Array<{ id: string; name: string }>, value: string): string {
  if (list.some((x) => x.id === value)) return value;
  return list.find((x) => x.name.toLowerCase() === value.toLowerCase())?.id ?? value;
}

/**
 * `ketenbot incident route --organisations A,B --applications X,Y [--data-leak] [--lang nl|en] [--json]`:
 * the dry run of incident routing — the layer, the coordinator, the reason and the channels that would be alerted.
 * English like the rest of the CLI; `--lang nl` shows the whole output in Dutch, as the channels read it.
 */
export const incidentRoute: CliCommand = {
  ...CLI_COMMANDS['incident route'],
  async run(ctx) {
    const { values } = parseArgs({
      args: ctx.args,
      options: { organisations: { type: 'string' }, applications: { type: 'string' }, 'data-leak': { type: 'boolean', default: false }, lang: { type: 'string', default: 'en' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    if (values.lang !== 'nl' && values.lang !== 'en') throw new UsageError('--lang must be nl or en');
    if (!values.organisations && !values.applications) throw new UsageError('give --organisations and/or --applications (comma-separated ids)');
    const t = translator(values.lang);
    const dataSource = await ctx.database();
    const services = composeServices(dataSource, systemClock, createLogger('silent', false));
    const directory: DirectoryDocument = await services.directory.load();
    const organisationIds = ids(values.organisations).map((v) => resolve(directory.organisations, v));
    const applicationIds = ids(values.applications).map((v) => resolve(directory.applications, v));
    const result = await services.incidents.route(organisationIds, applicationIds, values['data-leak']);
    if ('problem' in result) {
      if (values.json) ctx.out(JSON.stringify({ error: result.problem.code, ...('ids' in result.problem ? { ids: result.problem.ids } : {}), message: routeProblemText(t, result.problem) }, null, 2));
      else ctx.err(routeProblemText(t, result.problem));
      return 1;
    }
    const { route, audienceIds } = result;
    const name = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
    const targets = await services.announcer.targets(audienceIds);
    const linkRepository = new TypeOrmChannelLinkRepository(dataSource);
    const links = new Map((await linkRepository.forOrganisations(audienceIds)).map((l) => [l.id, l]));
    const channels = targets.map((c) => ({ organisationId: c.organisationId, platform: c.platform, channelId: c.channelId, name: links.get(c.linkId)?.name ?? c.channelId }));
    const reason = reasonText(t, route.reason);
    if (values.json) {
      ctx.out(JSON.stringify({
        layer: route.layer, coordinatorId: route.coordinatorId, coordinator: name(route.coordinatorId), partnerIds: route.partnerIds,
        reason, reasonCode: route.reason.kind, confidential: values['data-leak'], organisations: audienceIds, channels,
      }, null, 2));
      return 0;
    }
    ctx.out(`${t('incident.fact.layer')}: ${t(`incident.layer.${route.layer}` as MessageKey)} (${route.layer})`);
    ctx.out(`${t('incident.fact.coordinator')}: ${[route.coordinatorId, ...route.partnerIds].map((id) => `${name(id)} (${id})`).join(' + ')}`);
    ctx.out(`${t('incident.fact.reason')}: ${reason}`);
    ctx.out(`${t('incident.fact.organisations')}: ${audienceIds.map(name).join(', ')}`);
    if (!channels.length) ctx.out(t('incident.route.noChannels'));
    for (const c of channels) ctx.out(`  ${c.platform}\t${c.channelId}\t${c.name}\t${name(c.organisationId)}`);
    return 0;
  },
};
