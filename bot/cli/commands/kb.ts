import { importKbEntries } from '../../../core/domain/knowledge-base/import-entries.ts';
import { TypeOrmDirectoryRepository } from '../../../storage/directory/typeorm-directory-repository.ts';
import { TypeOrmKbRepository } from '../../../storage/knowledge-base/typeorm-kb-repository.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { readJsonFile, reportProblems } from '../import-file.ts';

/** `ketenbot kb import FILE`: validates every entry (all or nothing), upserts by id. */
export const kbImport: CliCommand = {
  name: 'kb import',
  summary: 'Import knowledge-base entries from a JSON file (all or nothing, upsert by id)',
  usage: 'ketenbot kb import FILE',
  async run(ctx) {
    if (ctx.args.length !== 1) throw new UsageError('give exactly one FILE');
    const file = readJsonFile(ctx, ctx.args[0]!);
    if (!file) return 1;
    const dataSource = await ctx.database();
    const apps = new Set((await new TypeOrmDirectoryRepository(dataSource).load()).applications.map((a) => a.id));
    const result = await importKbEntries(new TypeOrmKbRepository(dataSource), file.value, { actor: 'cli', now: new Date(), knownApplicationIds: apps });
    if ('problems' in result) return reportProblems(ctx, ctx.args[0]!, result.problems);
    ctx.out(`Imported ${ctx.args[0]}: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged.`);
    return 0;
  },
};

/** `ketenbot kb export`: every entry, with its metadata, in the import format. */
export const kbExport: CliCommand = {
  name: 'kb export',
  summary: 'Print the knowledge base as JSON (the import format, with metadata)',
  usage: 'ketenbot kb export > kb.json',
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument: ${ctx.args[0]}`);
    ctx.out(JSON.stringify({ entries: await new TypeOrmKbRepository(await ctx.database()).all() }, null, 2));
    return 0;
  },
};
