import { parseArgs } from 'node:util';
import { importDirectory } from '../../../core/domain/directory/import-directory.ts';
import { TypeOrmDirectoryRepository } from '../../../storage/directory/typeorm-directory-repository.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { readJsonFile, reportProblems } from '../import-file.ts';

/** `ketenbot directory import FILE [--replace]`: all or nothing, every problem with its path. */
export const directoryImport: CliCommand = {
  name: 'directory import',
  summary: 'Import organisations, applications and contacts from a JSON file (all or nothing)',
  usage: 'ketenbot directory import FILE [--replace]   (--replace also removes entries missing from FILE)',
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
  name: 'directory export',
  summary: 'Print the directory as JSON (the import format)',
  usage: 'ketenbot directory export > directory.json',
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument: ${ctx.args[0]}`);
    const repository = new TypeOrmDirectoryRepository(await ctx.database());
    ctx.out(JSON.stringify(await repository.load(), null, 2));
    return 0;
  },
};
