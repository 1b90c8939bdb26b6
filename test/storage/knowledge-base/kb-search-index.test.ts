import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeServices } from '../../../bot/compose-services.ts';
import { createLogger } from '../../../bot/logger.ts';
import type { AuditEntry } from '../../../core/domain/audit/audit-entry.ts';
import { importKbEntries } from '../../../core/domain/knowledge-base/import-entries.ts';
import type { KbEntry } from '../../../core/domain/knowledge-base/types.ts';
import { SqlKbSearchIndex, indexedEntry } from '../../../storage/knowledge-base/kb-search-index.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';

const demoKb = () => JSON.parse(readFileSync(new URL('../../../data/demo-kb.json', import.meta.url), 'utf8')) as { entries: Array<Record<string, unknown>> };
const T0 = new Date('2026-03-02T09:00:00.000Z');
const T1 = new Date('2026-03-03T09:00:00.000Z');
const T2 = new Date('2026-03-04T09:00:00.000Z');
const NL = { language: 'nl' as const };

describe.each(DATABASE_KINDS)('knowledge-base search index on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const dataSource = db.dataSource;
    const services = composeServices(dataSource, { now: () => T0 }, createLogger('silent', false));
    const importOk = async (input: unknown, now: Date) => {
      const result = await importKbEntries(services.kb, input, { actor: 'test', now });
      if ('problems' in result) throw new Error(JSON.stringify(result.problems));
      services.kbSearch.invalidate(); // as the chat's edit flow does after a change
      return result;
    };
    await importOk(demoKb(), T0);
    const table = kind === 'postgres' ? 'kb_search' : 'kb_fts';
    const indexRows = async (id?: string): Promise<number> => {
      const [row] = (await dataSource.query(
        `SELECT COUNT(*) AS n FROM ${table}${id ? (kind === 'postgres' ? ' WHERE entry_id = $1' : ' WHERE entry_id = ?') : ''}`,
        id ? [id] : [],
      )) as Array<{ n: string | number }>;
      return Number(row!.n);
    };
    const ids = async (query: string, options: { language: 'nl' | 'en'; includeDrafts?: boolean } = NL) =>
      (await services.kbSearch.search(query, options)).map((h) => h.id);
    /** Every candidate the search scores, in or below a tier. */
    const ranked = async (query: string) => (await services.kbSearch.rank(query, NL)).map((h) => h.id);
    return { services, importOk, indexRows, ids, ranked, dataSource, index: new SqlKbSearchIndex(dataSource) };
  }

  /** kb-047 rewritten: "zomertijd" becomes "wintertijd" everywhere. */
  const rewritten = () => {
    const file = demoKb();
    const e = file.entries.find((x) => x.id === 'kb-047')!;
    for (const key of ['title', 'problem', 'solution'] as const) e[key] = String(e[key]).replace(/zomertijd/gi, 'wintertijd');
    e.title = 'Tijden wijken een uur af na de overgang naar wintertijd';
    e.tags = ['tijdzone', 'wintertijd', 'tijdstip', 'verschoven', 'utc'];
    return file;
  };

  it('one index row per entry', async () => {
    const { indexRows } = await setup();
    expect(await indexRows()).toBe(54);
    expect(await indexRows('kb-047')).toBe(1);
  });

  it('after an update the old words no longer find the entry and the new words do', async () => {
    const { importOk, ids, ranked, indexRows } = await setup();
    expect(await ids('zomertijd')).toEqual(['kb-047']);
    expect(await ids('wintertijd')).toEqual([]);
    expect(await ranked('wintertjd')).toEqual([]);

    expect(await importOk(rewritten(), T1)).toEqual({ added: 0, updated: 1, unchanged: 53 });
    expect(await ids('zomertijd')).toEqual([]);
    expect(await ids('wintertijd')).toEqual(['kb-047']);
    expect(await ranked('wintertjd')).toEqual(['kb-047']); // a typo of a new word: the rebuilt vocabulary knows it
    expect(await ids('tijden wijken een uur af sinds de wintertjd')).toEqual(['kb-047']);
    expect(await indexRows('kb-047')).toBe(1);
    expect(await indexRows()).toBe(54);
  });

  it('the terms kept for ranking are those of the stored entry, after every update', async () => {
    const { importOk, index, services } = await setup();
    await importOk(rewritten(), T1);
    const [stored] = await services.kb.byIds(['kb-047']);
    const expected = indexedEntry(stored!);
    const all = await index.allEntries();
    expect(all).toHaveLength(54);
    expect(all.find((e) => e.id === 'kb-047')).toMatchObject(expected);
    expect(expected.titleTerms).toContain('wintertijd');
    expect([...expected.titleTerms, ...expected.tagTerms, ...expected.bodyTerms]).not.toContain('zomertijd');
    const [candidate] = await index.candidates(['wintertijd'], 10);
    expect(candidate).toMatchObject({ ...expected, rank: expect.any(Number) });
  });

  it('allEntries reads page by page: every entry once, whatever the page size', async () => {
    const { index, dataSource } = await setup();
    const all = await index.allEntries();
    const byId = (xs: typeof all) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    for (const pageSize of [1, 7, 53, 54, 55]) {
      const paged = await new SqlKbSearchIndex(dataSource, pageSize).allEntries();
      expect(paged, `pages of ${pageSize}`).toHaveLength(54);
      expect(byId(paged), `pages of ${pageSize}`).toEqual(byId(all));
    }
  });

  it('re-importing the same file changes nothing in the index', async () => {
    const { importOk, index, indexRows } = await setup();
    const before = await index.allEntries();
    expect(await importOk(demoKb(), T1)).toEqual({ added: 0, updated: 0, unchanged: 54 });
    expect(await indexRows()).toBe(54);
    const sort = (xs: typeof before) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(sort(await index.allEntries())).toEqual(sort(before));
  });

  it('updating back and forth keeps a single, current row', async () => {
    const { importOk, ids, indexRows } = await setup();
    await importOk(rewritten(), T1);
    await importOk(demoKb(), T2);
    expect(await ids('zomertijd')).toEqual(['kb-047']);
    expect(await ids('wintertijd')).toEqual([]);
    expect(await indexRows('kb-047')).toBe(1);
  });

  it('unpublishing hides the entry from search except for drafts; publishing shows it again', async () => {
    const { importOk, ids, ranked } = await setup();
    const file = demoKb();
    file.entries.find((e) => e.id === 'kb-047')!.published = false;
    await importOk(file, T1);
    expect(await ids('zomertijd')).toEqual([]);
    expect(await ranked('zomertijd')).toEqual([]);
    expect(await ids('zomertijd', { ...NL, includeDrafts: true })).toEqual(['kb-047']);
    file.entries.find((e) => e.id === 'kb-047')!.published = true;
    await importOk(file, T2);
    expect(await ids('zomertijd')).toEqual(['kb-047']);
  });

  it('a failed upsert leaves the entry and its index row as they were', async () => {
    const { services, ids, indexRows } = await setup();
    const [before] = await services.kb.byIds(['kb-047']);
    const changed: KbEntry = { ...before!, title: 'Wintertijd', tags: ['wintertijd'], updatedAt: T1.toISOString() };
    const badAudit = { at: null, actor: 'test', action: 'kb.entry.update', subjectType: 'kb-entry', subjectId: 'kb-047' } as unknown as AuditEntry;
    await expect(services.kb.upsert([changed], [badAudit])).rejects.toThrow();
    expect((await services.kb.byIds(['kb-047']))[0]).toEqual(before);
    services.kbSearch.invalidate();
    expect(await ids('wintertijd')).toEqual([]);
    expect(await ids('zomertijd')).toEqual(['kb-047']);
    expect(await indexRows('kb-047')).toBe(1);
  });

  it('the full-text index finds every entry by each of its own indexed terms', async () => {
    const { index } = await setup();
    const entries = await index.allEntries();
    const missing: string[] = [];
    const terms = [...new Set(entries.flatMap((e) => [...e.titleTerms, ...e.tagTerms, ...e.bodyTerms]))].sort();
    for (const term of terms) {
      const found = new Set((await index.candidates([term], 100)).map((c) => c.id));
      const lost = entries.filter((e) => [...e.titleTerms, ...e.tagTerms, ...e.bodyTerms].includes(term) && !found.has(e.id)).map((e) => e.id);
      if (lost.length) missing.push(`${term} (${lost.length}: ${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ', …' : ''})`);
    }
    expect(missing, `${missing.length} of ${terms.length} indexed terms do not find all their entries`).toEqual([]);
  });
});
