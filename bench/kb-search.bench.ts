/**
 * Knowledge-base search benchmark (`npm run bench:kb`).
 *
 * Generates a large realistic knowledge base (bench/kb-corpus.ts), imports it into a fresh SQLite file
 * through the project's own repository upsert (so the FTS5 index is written as in production), then
 * times the project's search (`KbSearch.search` from composeServices: the default `memory` engine)
 * against a bare FTS5 query for the same words on the same data, shows the `database` engine
 * (candidates from FTS5) alongside, and where the time of the database engine goes.
 *
 * Environment: BENCH_ENTRIES (100000), BENCH_BATCH (1000 entries per upsert), BENCH_ROUNDS (5 rounds
 * over the fixed questions), BENCH_SEED.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { composeServices } from '../bot/compose-services.ts';
import { loadSynonyms } from '../bot/kb-synonyms.ts';
import { createLogger } from '../bot/logger.ts';
import { systemClock } from '../core/clock.ts';
import type { AuditEntry } from '../core/domain/audit/audit-entry.ts';
import type { IndexedEntry, KbSearchIndex } from '../core/domain/knowledge-base/kb-search-index.ts';
import { CANDIDATES, KbSearch } from '../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../core/domain/knowledge-base/synonyms.ts';
import { analyze } from '../core/domain/knowledge-base/text-analysis.ts';
import { Vocabulary } from '../core/domain/knowledge-base/vocabulary.ts';
import { migrate, openDatabase } from '../storage/data-source.ts';
import { SqlKbSearchIndex } from '../storage/knowledge-base/kb-search-index.ts';
import { BENCH_QUERIES, generateKbEntries } from './kb-corpus.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEED = Number(process.env.BENCH_SEED ?? 20260302);
const REPORT_EVERY = Number(process.env.BENCH_REPORT ?? 20_000);
const TARGET_P95_MS = 5;
const TARGET_RATIO = 2;

type Percentiles = { p50: number; p95: number; p99: number };

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)) };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const line = (label: string, p: Percentiles, extra = '') => console.log(`${label.padEnd(44)} p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}${extra}`);

/** The same words as our search, for the bare query: stemmed in the question's language, no synonyms or typos. */
function bareMatch(query: string, language: 'nl' | 'en'): string {
  const parts = [...new Set(analyze(query, language).flatMap((t) => t.split('-')).filter((t) => /^[\p{L}\p{N}]+$/u.test(t)))];
  return parts.map((t) => `"${t}"`).join(' OR ');
}

/** SqlKbSearchIndex with a stopwatch: how long the database takes, and with how many terms. */
class TimedIndex implements KbSearchIndex {
  readonly calls: Array<{ terms: string[]; rows: number; ms: number }> = [];
  allEntriesMs = 0;
  constructor(private readonly inner: KbSearchIndex) {}
  async candidates(terms: string[], limit: number) {
    const start = performance.now();
    const rows = await this.inner.candidates(terms, limit);
    this.calls.push({ terms, rows: rows.length, ms: performance.now() - start });
    return rows;
  }
  async allEntries(): Promise<IndexedEntry[]> {
    const start = performance.now();
    const all = await this.inner.allEntries();
    this.allEntriesMs = performance.now() - start;
    return all;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ketenbot-bench-'));
  const file = join(dir, 'bench.sqlite');
  let dataSource: DataSource | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (dataSource?.isInitialized) await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    console.log(`kb-search bench: ${ENTRIES} entries, batches of ${BATCH}, ${ROUNDS} rounds of ${BENCH_QUERIES.length} questions (seed ${SEED})`);
    dataSource = await openDatabase(`sqlite:${file}`);
    await migrate(dataSource);
    const ds = dataSource;
    const services = composeServices(ds, systemClock, createLogger('silent', false));

    // 1. Generate and import through the repository, as `ketenbot kb import` does: entries, index rows and
    //    audit in one transaction per batch, the index rows written by the product's own writeIndexRows.
    //    (BENCH_IMPORT=set-aside keeps the older work-around that moved index rows aside during the import,
    //    from when replacing an index row scanned the whole index; rows are now replaced by rowid.)
    const setAside = (process.env.BENCH_IMPORT ?? 'plain') === 'set-aside';
    let start = performance.now();
    const entries = generateKbEntries(ENTRIES, SEED);
    const generatedMs = performance.now() - start;
    const english = entries.filter((e) => e.language === 'en').length;
    const columns = 'entry_id, language, published, title, tags, body';
    if (setAside) await ds.query(`CREATE TABLE bench_fts_aside (${columns})`);
    start = performance.now();
    let lastReport = start;
    let lastCount = 0;
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      const at = new Date().toISOString();
      const audit: AuditEntry[] = batch.map((e) => ({ at, actor: 'bench', action: 'kb.entry.add', subjectType: 'kb-entry', subjectId: e.id, after: e }));
      await services.kb.upsert(batch, audit);
      if (setAside) {
        await ds.transaction(async (m) => {
          await m.query(`INSERT INTO bench_fts_aside (${columns}) SELECT ${columns} FROM kb_fts ORDER BY rowid`);
          await m.query('DELETE FROM kb_fts');
        });
      }
      const done = Math.min(i + BATCH, entries.length);
      if (done % REPORT_EVERY === 0 || done === entries.length) {
        const now = performance.now();
        console.log(`  imported ${String(done).padStart(6)}  (${Math.round(((done - lastCount) / (now - lastReport)) * 1000)} entries/s for the last ${done - lastCount})`);
        lastReport = now;
        lastCount = done;
      }
    }
    let putBackMs = 0;
    if (setAside) {
      const putBack = performance.now();
      for (let lo = 0; lo < entries.length; lo += BATCH) {
        await ds.transaction((m) => m.query(`INSERT INTO kb_fts (${columns}) SELECT ${columns} FROM bench_fts_aside WHERE rowid > ? AND rowid <= ? ORDER BY rowid`, [lo, lo + BATCH]));
      }
      await ds.query('DROP TABLE bench_fts_aside');
      putBackMs = performance.now() - putBack;
    }
    const importMs = performance.now() - start;
    const [{ n: indexRows } = { n: 0 }] = (await ds.query('SELECT COUNT(*) AS n FROM kb_fts')) as Array<{ n: number }>;
    const sizeMb = (statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 1024 / 1024;
    console.log(`entries: ${ENTRIES} (${Math.round((100 * (ENTRIES - english)) / ENTRIES)}% Dutch, ${Math.round((100 * english) / ENTRIES)}% English), ${indexRows} index rows; generated in ${(generatedMs / 1000).toFixed(1)} s, imported in ${(importMs / 1000).toFixed(1)} s (${Math.round(ENTRIES / (importMs / 1000))} entries/s${setAside ? `, index rows set aside and put back: ${(putBackMs / 1000).toFixed(1)} s of it` : ''}); database ${sizeMb.toFixed(0)} MB`);

    // 2. Warm-up: the server loads the vocabulary and the postings from every indexed entry at start (KbSearch.warm).
    const search = services.kbSearch;
    const heapBefore = retainedMb();
    start = performance.now();
    await search.warm();
    const warmMs = performance.now() - start;
    const heapAfter = retainedMb();
    const databaseEngine = new KbSearch(new SqlKbSearchIndex(ds), new Synonyms(loadSynonyms()), { engine: 'database' });
    await databaseEngine.warm();
    const bareSql = 'SELECT entry_id FROM kb_fts WHERE kb_fts MATCH ? ORDER BY bm25(kb_fts) LIMIT 3';
    for (const q of BENCH_QUERIES) {
      await search.search(q.query, { language: q.language });
      await databaseEngine.search(q.query, { language: q.language });
      const match = bareMatch(q.query, q.language);
      if (match) await ds.query(bareSql, [match]);
    }

    // 3. Measure, interleaved so all see the same cache state.
    const ours: number[] = [];
    const viaDatabase: number[] = [];
    const bare: number[] = [];
    const oursByQuery = new Map<string, number[]>();
    let answered = 0;
    let sameAnswers = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of BENCH_QUERIES) {
        let t = performance.now();
        const hits = await search.search(q.query, { language: q.language });
        const took = performance.now() - t;
        ours.push(took);
        oursByQuery.set(q.query, [...(oursByQuery.get(q.query) ?? []), took]);
        if (round === 0 && hits.length) answered++;
        t = performance.now();
        const dbHits = await databaseEngine.search(q.query, { language: q.language });
        viaDatabase.push(performance.now() - t);
        if (round === 0 && JSON.stringify(dbHits) === JSON.stringify(hits)) sameAnswers++;
        const match = bareMatch(q.query, q.language);
        if (match) {
          t = performance.now();
          await ds.query(bareSql, [match]);
          bare.push(performance.now() - t);
        }
      }
    }
    const o = percentiles(ours);
    const b = percentiles(bare);
    const ratioP95 = Math.round((o.p95 / b.p95) * 100) / 100;
    console.log(`loading vocabulary and postings of ${ENTRIES} entries (once, at start): ${ms(warmMs)}; memory they keep: ${heapAfter === undefined || heapBefore === undefined ? '(run with --expose-gc to measure)' : `${(heapAfter - heapBefore).toFixed(0)} MB`}`);
    line(`ours: KbSearch.search (${ours.length} runs)`, o, `  (${answered}/${BENCH_QUERIES.length} questions answered)`);
    line(`  database engine (KB_SEARCH_ENGINE=database)`, percentiles(viaDatabase), `  (same answers as ours for ${sameAnswers}/${BENCH_QUERIES.length} questions)`);
    line(`bare: FTS5 MATCH + bm25 LIMIT 3 (${bare.length} runs)`, b);
    console.log(`ratio ours/bare                              p50 ${(o.p50 / b.p50).toFixed(2)}×  p95 ${ratioP95.toFixed(2)}×  p99 ${(o.p99 / b.p99).toFixed(2)}×`);
    const met = o.p95 <= TARGET_P95_MS && ratioP95 <= TARGET_RATIO;
    console.log(`target p95 ≤ ${TARGET_P95_MS} ms and ≤ ${TARGET_RATIO}× bare: ${met ? 'met' : 'MISSED'} (p95 ${ms(o.p95)}, ${ratioP95.toFixed(2)}× bare)`);
    console.log(JSON.stringify({ entries: ENTRIES, queries: ours.length, ours: o, bare: b, ratioP95 }));

    // 4. Where the time goes.
    console.log('\nwhere the time of the database engine goes:');
    const synonyms = new Synonyms(loadSynonyms());
    const timed = new TimedIndex(new SqlKbSearchIndex(ds));
    const probe = new KbSearch(timed, synonyms, { engine: 'database' });
    start = performance.now();
    await probe.rank('wachtwoord', { language: 'nl' });
    const coldMs = performance.now() - start;
    const allRows = await new SqlKbSearchIndex(ds).allEntries();
    start = performance.now();
    const vocabulary = new Vocabulary();
    for (const e of allRows) vocabulary.addDocument([...e.titleTerms, ...e.tagTerms, ...e.bodyTerms]);
    const buildMs = performance.now() - start;
    console.log(`  vocabulary (at start, and again in the background once older than 5 minutes): ${ms(coldMs)} = reading all ${ENTRIES} index rows ${ms(timed.allEntriesMs)} + building ${ms(buildMs)}`);
    const memory = process.memoryUsage();
    console.log(`  process memory with both engines loaded: rss ${(memory.rss / 1024 / 1024).toFixed(0)} MB, heap ${(memory.heapUsed / 1024 / 1024).toFixed(0)} MB`);

    timed.calls.length = 0;
    const idsOnly: number[] = [];
    const bareWords: number[] = [];
    const perQuery: Array<{ query: string; total: number; db: number; js: number; terms: number; matching: number; candidates: number }> = [];
    for (let round = 0; round < 3; round++) {
      for (const q of BENCH_QUERIES) {
        const before = timed.calls.length;
        const t = performance.now();
        await probe.search(q.query, { language: q.language });
        const total = performance.now() - t;
        const call = timed.calls[before];
        if (round < 2) continue; // warm
        let matching = 0;
        if (call) {
          // How many index rows the candidate query matches before its LIMIT 60 (all of them are ranked by bm25).
          const [row] = (await ds.query('SELECT COUNT(*) AS n FROM kb_fts WHERE kb_fts MATCH ?', [matchOf(call.terms)])) as Array<{ n: number }>;
          matching = Number(row?.n ?? 0);
          // The same candidate query returning ids only, and with the bare query's words only: what the extra terms and the wide rows cost.
          let t2 = performance.now();
          await ds.query(`SELECT entry_id FROM kb_fts WHERE kb_fts MATCH ? ORDER BY bm25(kb_fts, 0, 0, 0, 5.0, 4.0, 1.0) DESC LIMIT ${CANDIDATES}`, [matchOf(call.terms)]);
          idsOnly.push(performance.now() - t2);
          const bareTerms = bareMatch(q.query, q.language);
          if (bareTerms) {
            t2 = performance.now();
            await ds.query(`SELECT entry_id, language, published, title, tags, body, -bm25(kb_fts, 0, 0, 0, 5.0, 4.0, 1.0) AS rank FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank DESC, entry_id LIMIT ${CANDIDATES}`, [bareTerms]);
            bareWords.push(performance.now() - t2);
          }
        }
        perQuery.push({ query: q.query, total, db: call?.ms ?? 0, js: total - (call?.ms ?? 0), terms: call?.terms.length ?? 0, matching, candidates: call?.rows ?? 0 });
      }
    }
    const sum = (xs: number[]) => xs.reduce((a, c) => a + c, 0);
    const avg = (xs: number[]) => sum(xs) / Math.max(1, xs.length);
    console.log(`  ranking in JS ${ms(avg(perQuery.map((p) => p.js)))} per search on average; the candidate query (${CANDIDATES} rows with their terms, bm25 over every matching row) ${ms(avg(perQuery.map((p) => p.db)))}; the same terms returning ids only: ${ms(avg(idsOnly))}; full rows but only the question's own stems (no synonyms or typo fixes): ${ms(avg(bareWords))}`);
    console.log(`  terms per candidate query (stems, synonyms, typo fixes): median ${median(perQuery.map((p) => p.terms))}, max ${Math.max(...perQuery.map((p) => p.terms))}; index rows matching before LIMIT 60: median ${median(perQuery.map((p) => p.matching))}, max ${Math.max(...perQuery.map((p) => p.matching))}`);
    console.log('  slowest questions (ours, median of runs; database part; terms; matching rows):');
    const slowest = [...oursByQuery.entries()].map(([query, xs]) => ({ query, median: median(xs) })).sort((a, b) => b.median - a.median).slice(0, 6);
    for (const s of slowest) {
      const p = perQuery.find((x) => x.query === s.query)!;
      console.log(`    ${ms(s.median).padStart(10)}  db ${ms(p.db).padStart(10)}  ${String(p.terms).padStart(3)} terms  ${String(p.matching).padStart(6)} rows  "${s.query}"`);
    }

    // The second lookup: KbAnswers.ask reads the shown entries by id after the search.
    const lookups: number[] = [];
    for (const q of BENCH_QUERIES) {
      const hits = await search.search(q.query, { language: q.language });
      if (!hits.length) continue;
      const t = performance.now();
      await services.kb.byIds(hits.map((h) => h.id));
      lookups.push(performance.now() - t);
    }
    line('  second lookup (kb.byIds of the hits)', percentiles(lookups));

    // Writing to the full index: what the chat's edit form or a re-import of a few entries costs.
    const scans: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      // What writeIndexRows does before each insert: find the entry's row by its rowid.
      await ds.query('DELETE FROM kb_fts WHERE rowid = (SELECT rowid FROM kb_entry WHERE id = ?)', ['bench-does-not-exist']);
      scans.push(performance.now() - t);
    }
    const sample = entries.filter((_, i) => i % Math.max(1, Math.floor(entries.length / 20)) === 0).slice(0, 20);
    const sampleIds = sample.map((e) => e.id);
    const rowsOf = async () =>
      JSON.stringify(await ds.query(`SELECT ${columns} FROM kb_fts WHERE entry_id IN (${sampleIds.map(() => '?').join(', ')}) ORDER BY entry_id`, sampleIds));
    const rowsBefore = await rowsOf();
    start = performance.now();
    await services.kb.upsert(sample, []);
    const updateMs = performance.now() - start;
    const identical = rowsBefore === (await rowsOf());
    console.log(`  index write: replacing one entry's index row in the full index: ${ms(median(scans))} per entry`);
    console.log(`  kb.upsert of ${sample.length} existing entries into the full index: ${ms(updateMs)} (${ms(updateMs / sample.length)} per entry); rewritten index rows identical to the imported ones: ${identical ? 'yes' : 'NO'}`);
  } finally {
    await cleanup();
  }
}

/** The MATCH expression SqlKbSearchIndex.candidates builds from these terms. */
function matchOf(terms: string[]): string {
  return [...new Set(terms.flatMap((t) => t.split('-')).filter((t) => /^[\p{L}\p{N}]+$/u.test(t)))].map((t) => `"${t}"`).join(' OR ');
}

/** Heap and array buffers in use after a full collection (undefined without --expose-gc). */
function retainedMb(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  gc();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external) / 1024 / 1024;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : 0;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
