import { parseArgs } from 'node:util';
import { systemClock } from '../../../core/clock.ts';
import { formatTreeProblem, type TreeProblem } from '../../../core/domain/decision-tree/validate-tree.ts';
import { composeServices } from '../../compose-services.ts';
import { createLogger } from '../../logger.ts';
import { UsageError, type CliCommand, type CliContext } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';
import { readJsonFile } from '../import-file.ts';
import { counted } from '../counted.ts';

const services = async (ctx: CliContext) => composeServices(await ctx.database(), systemClock, createLogger('silent', false));

/** `--region NAME`: a region's own variant instead of the national tree (the region as the directory spells it). */
async function regionArgs(ctx: CliContext): Promise<{ region?: string; positionals: string[] }> {
  const { values, positionals } = parseArgs({ args: ctx.args, options: { region: { type: 'string' } }, strict: true, allowPositionals: true });
  if (values.region === undefined) return { positionals };
  const wanted = values.region.trim().toLowerCase();
  const regions = [...new Set((await (await services(ctx)).directory.load()).organisations.map((o) => o.region).filter((r): r is string => !!r))];
  const region = regions.find((r) => r.toLowerCase() === wanted);
  if (!region) throw new UsageError(`unknown region "${values.region}" (the directory has: ${regions.sort().join(', ') || 'none'})`);
  return { region, positionals };
}

function report(ctx: CliContext, what: string, problems: TreeProblem[]): number {
  ctx.err(`${what}: ${counted(problems.length, 'problem', 'problems')}:`);
  for (const p of problems) ctx.err(`  ${formatTreeProblem(p)}`);
  return 1;
}

/** `ketenbot tree check [FILE]`: validates FILE, or the tree in use, against the directory. */
export const treeCheck: CliCommand = {
  ...CLI_COMMANDS['tree check'],
  async run(ctx) {
    if (ctx.args.length > 1) throw new UsageError('give at most one FILE');
    const { tree } = await services(ctx);
    const file = ctx.args[0] ? readJsonFile(ctx, ctx.args[0]) : { value: await tree.current() };
    if (!file) return 1;
    const checked = await tree.check(file.value);
    if ('problems' in checked) return report(ctx, ctx.args[0] ?? 'the tree in use', checked.problems);
    ctx.out(`${ctx.args[0] ?? 'The tree in use'} is valid: version ${checked.tree.version}, ${checked.tree.nodes.length} nodes.`);
    return 0;
  },
};

/** `ketenbot tree publish FILE`: validates, then makes it the active version (a broken file changes nothing). */
export const treePublish: CliCommand = {
  ...CLI_COMMANDS['tree publish'],
  async run(ctx) {
    const { region, positionals } = await regionArgs(ctx);
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = readJsonFile(ctx, positionals[0]!);
    if (!file) return 1;
    const result = await (await services(ctx)).tree.publish(file.value, 'cli', region);
    if (!result.ok) return report(ctx, `Not published (${positionals[0]})`, result.problems);
    ctx.out(region ? `Published decision tree version ${result.version} for the region ${region}; people of that region walk it now.` : `Published decision tree version ${result.version}; it is now in use.`);
    return 0;
  },
};

export const treeVersions: CliCommand = {
  ...CLI_COMMANDS['tree versions'],
  async run(ctx) {
    const { region, positionals } = await regionArgs(ctx);
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
    const { tree } = await services(ctx);
    const versions = await tree.list(region);
    if (!versions.length) ctx.out(region ? `The region ${region} has no tree of its own; the national tree ${(await tree.current()).version} applies.` : `Nothing published yet; the built-in tree ${(await tree.current()).version} is in use.`);
    for (const v of versions) ctx.out(`${v.active ? '*' : ' '} ${v.version}  published ${v.publishedAt} by ${v.publishedBy}`);
    return 0;
  },
};

export const treeRollback: CliCommand = {
  ...CLI_COMMANDS['tree rollback'],
  async run(ctx) {
    const { region, positionals } = await regionArgs(ctx);
    if (positionals.length > 1) throw new UsageError('give at most one VERSION');
    const result = await (await services(ctx)).tree.rollback('cli', positionals[0], region);
    if (!result.ok) {
      ctx.err(result.reason === 'unknown-version' ? `No published version "${positionals[0]}" (see: ketenbot tree versions)` : 'There is no earlier version to roll back to.');
      return 1;
    }
    ctx.out(result.national ? `The region ${region} uses the national decision tree ${result.version} again.` : `Decision tree version ${result.version} is in use again.`);
    return 0;
  },
};
