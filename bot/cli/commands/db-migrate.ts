import type { CliCommand } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';
import { UsageError } from '../command.ts';
import { checkDatabase } from '../../../storage/data-source.ts';

/** `ketenbot db migrate`: applies pending migrations (the server also does this at start). */
export const dbMigrate: CliCommand = {
  ...CLI_COMMANDS['db migrate'],
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument: ${ctx.args[0]}`);
    // database() migrates on open and reports what it ran.
    const dataSource = await ctx.database();
    const health = await checkDatabase(dataSource);
    if (!health.ok) {
      ctx.err(`Database not ready: ${health.reason}`);
      return 1;
    }
    ctx.out('Database is up to date.');
    return 0;
  },
};
