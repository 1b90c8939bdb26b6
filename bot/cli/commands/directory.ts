import { parseArgs } from 'node:util';
import { importDirectory } from '../../../core/domain/directory/import-directory.ts';
import { TypeOrmDirectoryRepository } from '../../../storage/directory/typeorm-directory-repository.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';
import { readJsonFile, reportProblems } from '../import-file.ts';

/** `ketenbot directory import FILE [--replace]`: all or nothing, every problem with its path. */
export const directoryImport: CliCommand = {
  ...CLI_COMMANDS['directory import'],
  async run(ctx) {
    const { values, positionals } = parseArgs({ args: ctx.args, options: { replace: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = readJsonFile(ctx, positionals[0]!);
    if (!file) return 1;
    const repository = new TypeOrmDirectoryRepository(await ctx.database());
    const result = await importDirectory(repository, file.value, { replace: values.replace, actor: 'cli', now: new Date() });
    if ('problems' in result) return reportProblems(ctx, positionals[0]!, result.problems);
    const s = result.summary;
    ctx.out(`Imported ${positionals[0]}: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.removed} removed.`);
    return 0;
  },
};

/** `ketenbot directory export`: the directory as JSON on stdout, in the import format. */
export const directoryExport: CliCommand = {
  ...CLI_COMMANDS['directory export'],
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument: ${ctx.args[0]}`);
    const repository = new TypeOrmDirectoryRepository(await ctx.database());
    ctx.out(JSON.stringify(await repository.load(), null, 2));
    return 0;
  },
};
