import { importKbEntries } from '../../../core/domain/knowledge-base/import-entries.ts';
import { TypeOrmDirectoryRepository } from '../../../storage/directory/typeorm-directory-repository.ts';
import { TypeOrmKbRepository } from '../../../storage/knowledge-base/typeorm-kb-repository.ts';
import { parseArgs } from 'node:util';
import { systemClock } from '../../../core/clock.ts';
import { composeServices } from '../../compose-services.ts';
import { kbSearchEngineSetting } from '../../config.ts';
import { tierOf, type KbTier } from '../../../core/domain/knowledge-base/kb-tiers.ts';
import { createLogger } from '../../logger.ts';
import { UsageError, type CliCommand, type CliContext } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';
import { parseSince } from './audit.ts';
import { readJsonFile, reportProblems } from '../import-file.ts';

/** `ketenbot kb import FILE`: validates every entry (all or nothing), upserts by id. */
export const kbImport: CliCommand = {
  ...CLI_COMMANDS['kb import'],
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
  ...CLI_COMMANDS['kb export'],
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument: ${ctx.args[0]}`);
    ctx.out(JSON.stringify({ entries: await new TypeOrmKbRepository(await ctx.database()).all() }, null, 2));
    return 0;
  },
};

const kbServices = async (ctx: CliContext, options: { searching?: boolean } = {}) => {
  // Searching uses the same engine as the server (KB_SEARCH_ENGINE), so the CLI ranks as the chat does.
  const setting = options.searching ? kbSearchEngineSetting(ctx.env) : { engine: 'memory' as const };
  if ('error' in setting) throw new UsageError(setting.error);
  return composeServices(await ctx.database(), systemClock, createLogger('silent', false), { kbSearchEngine: setting.engine });
};

/** `ketenbot kb search "<query>" [--lang nl|en] [--limit N] [--json] [--all]`: ranked as the chat ranks it, with tiers. */
export const kbSearch: CliCommand = {
  ...CLI_COMMANDS['kb search'],
  async run(ctx) {
    const { values, positionals } = parseArgs({
      args: ctx.args,
      options: { lang: { type: 'string', default: 'nl' }, limit: { type: 'string', default: '10' }, json: { type: 'boolean', default: false }, all: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError('give a query');
    if (values.lang !== 'nl' && values.lang !== 'en') throw new UsageError('--lang must be nl or en');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit must be a whole number from 1 to 100');
    const { kbSearch: search, kb } = await kbServices(ctx, { searching: true });
    // --all: the raw ranking (both languages, below the tiers too), for whoever tunes the search.
    const hits: Array<{ id: string; score: number; tier?: KbTier | undefined; language?: string }> = values.all
      ? (await search.rank(query, { language: values.lang, includeDrafts: false })).slice(0, limit).map((h) => ({ ...h, tier: tierOf(h.score) }))
      : await search.search(query, { language: values.lang, limit });
    if (values.json) {
      ctx.out(JSON.stringify(hits.map(({ id, score, tier, language }) => ({ id, score, tier: tier ?? null, ...(values.all ? { language } : {}) }))));
      return 0;
    }
    if (!hits.length) {
      ctx.out(`No answer or suggestion for "${query}".`);
      return 0;
    }
    const entries = new Map((await kb.byIds(hits.map((h) => h.id))).map((e) => [e.id, e]));
    for (const hit of hits) ctx.out(`${hit.score.toFixed(3)}  ${(hit.tier ?? '-').padEnd(10)}  ${hit.id}  ${entries.get(hit.id)?.title ?? ''}`);
    return 0;
  },
};

/** `ketenbot kb stats [--since 30d] [--limit N] [--json]`: what to write next. */
export const kbStats: CliCommand = {
  ...CLI_COMMANDS['kb stats'],
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { since: { type: 'string', default: '30d' }, limit: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } }, strict: true });
    const since = parseSince(values.since, new Date());
    if (!since) throw new UsageError(`--since must be like 30d, 12h or a date (got "${values.since}")`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number');
    const { kbEvents, kb, kbReview } = await kbServices(ctx);
    const stats = await kbEvents.stats(since, limit);
    const groups = (await kbReview.groups(since, limit)).map(groupJson);
    if (values.json) {
      ctx.out(JSON.stringify({ ...stats, groups }, null, 2));
      return 0;
    }
    const titles = new Map((await kb.all()).map((e) => [e.id, e.title]));
    ctx.out(`Knowledge base since ${since.toISOString()}`);
    ctx.out('\nMost viewed:');
    if (!stats.mostViewed.length) ctx.out('  (none)');
    for (const v of stats.mostViewed) ctx.out(`  ${String(v.views).padStart(5)}  ${v.entryId}  ${titles.get(v.entryId) ?? ''}`);
    ctx.out('\n"Did not help" rate:');
    if (!stats.feedback.length) ctx.out('  (no feedback)');
    for (const f of stats.feedback) ctx.out(`  ${String(Math.round(f.notHelpedRate * 100)).padStart(4)}%  ${f.entryId}  (${f.notHelped} no / ${f.helped} yes)  ${titles.get(f.entryId) ?? ''}`);
    ctx.out('\nQuestions without a good answer:');
    if (!stats.unanswered.length) ctx.out('  (none)');
    for (const u of stats.unanswered) ctx.out(`  ${String(u.count).padStart(5)}×  ${u.query}`);
    printGroups(ctx, groups);
    return 0;
  },
};

type ReviewGroup = import('../../../core/domain/knowledge-base/kb-review.ts').ReviewGroup;

/** A group of questions without a sure answer as `kb stats` gives it (the review card's content). */
const groupJson = (g: ReviewGroup) => ({
  question: g.question, count: g.count, lastAt: g.lastAt, language: g.language, examples: g.examples,
  candidates: g.candidates.map((c) => ({ id: c.id, title: c.title, score: c.score })),
});

/** Phrasings of one question together, with the closest articles: what to link or write next (also the chat's "kb vragen"). */
function printGroups(ctx: CliContext, groups: Array<ReturnType<typeof groupJson>>): void {
  ctx.out('\nQuestions without a sure answer, grouped (unanswered or only suggestions; linked ones left out):');
  if (!groups.length) ctx.out('  (none)');
  for (const g of groups) {
    ctx.out(`  ${String(g.count).padStart(5)}×  "${g.question}"  (${g.language}, last ${g.lastAt})`);
    if (g.examples.length > 1) ctx.out(`          also asked: ${g.examples.slice(1).map((e) => `"${e}"`).join(', ')}`);
    ctx.out(`          closest: ${g.candidates.length ? g.candidates.map((c) => `${c.id} (${c.score.toFixed(3)}) ${c.title}`).join('; ') : '(no article comes close)'}`);
  }
}
