import { createLogger } from '../../logger.ts';
import { composeServices } from '../../compose-services.ts';
import { systemClock } from '../../../core/clock.ts';
import { ROLES, newcomer, parsePersonId, type Role } from '../../../core/domain/access/types.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';

/**
 * `ketenbot admin grant <platform>:<user-id> <role> [organisation-id]`: bootstrap for a new
 * installation (the first chain coordinator), and a way for operators to fix access.
 */
export const adminGrant: CliCommand = {
  ...CLI_COMMANDS['admin grant'],
  async run(ctx) {
    const [who, roleWord, organisationId, ...extra] = ctx.args;
    if (!who || !roleWord || extra.length) throw new UsageError('give a person, a role and (for organisation roles) an organisation id');
    const parsed = parsePersonId(who);
    if (!parsed) throw new UsageError(`"${who}" is not <teams|slack|local>:<user-id> (Teams: the AAD object id; Slack: the member id U…; local: the id shown by "mijn gegevens")`);
    const role = (roleWord === 'coordinator' ? 'chain-coordinator' : roleWord) as Role;
    if (!ROLES.includes(role)) throw new UsageError(`unknown role "${roleWord}"`);
    if (role !== 'chain-coordinator' && role !== 'care-professional' && !organisationId) throw new UsageError(`the role ${role} needs an organisation id`);
    const services = composeServices(await ctx.database(), systemClock, createLogger('silent', false));
    const person = (await services.personRepository.get(`${parsed.platform}:${parsed.userId}`)) ?? newcomer(parsed.platform, parsed.userId);
    const result = await services.people.grant(person, role, organisationId, 'cli');
    if (!result.ok) {
      ctx.err(result.error.code === 'unknown-organisation' ? `Unknown organisation "${organisationId}" (see: ketenbot directory export)` : `Cannot grant: ${result.error.code}`);
      return 1;
    }
    const roles = result.value.roles.map((g) => (g.organisationId ? `${g.role}@${g.organisationId}` : g.role)).join(', ') || 'care-professional';
    const links = !result.value.roles.length && result.value.organisationIds.length ? ` (linked to ${result.value.organisationIds.join(', ')})` : '';
    ctx.out(`${result.value.id} now has: ${roles}${links}`);
    return 0;
  },
};
