import type { DataSource } from 'typeorm';
import type { KbEvent, KbEventLog, KbStats } from '../../core/domain/knowledge-base/kb-events.ts';
import type { KbAskedQuestions } from '../../core/domain/knowledge-base/kb-review.ts';
import type { AskedQuestion } from '../../core/domain/knowledge-base/unanswered-groups.ts';
import { KbEventEntity, type KbEventRow } from '../entities/kb-event.entity.ts';
import { preparedStatements } from '../sql/prepared-statements.ts';

export class TypeOrmKbEventLog implements KbEventLog, KbAskedQuestions {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository<KbEventRow>(KbEventEntity);
  }

  /** Every knowledge-base answer records what it showed: a prepared INSERT per event (usually one). */
  async record(events: KbEvent[]): Promise<void> {
    const sql = preparedStatements(this.dataSource);
    for (const e of events) await sql.run('INSERT INTO kb_event (at, kind, entry_id, query, language) VALUES (?, ?, ?, ?, ?)', [e.at, e.kind, e.entryId ?? null, e.query ?? null, e.language]);
  }

  async count(kind: KbEvent['kind'], from: string, to: string): Promise<number> {
    return this.repo.createQueryBuilder('e').where('e.kind = :kind AND e.at >= :from AND e.at < :to', { kind, from, to }).getCount();
  }

  /** Questions without a sure answer (unanswered, or only suggestions) since then, newest first, at most `limit`. */
  async asked(since: Date, limit: number): Promise<AskedQuestion[]> {
    const rows: Array<{ query: string | null; at: string; language: string }> = await this.repo
      .createQueryBuilder('e').select('e.query', 'query').addSelect('e.at', 'at').addSelect('e.language', 'language')
      .where("e.at >= :from AND e.kind IN ('unanswered', 'suggested') AND e.query IS NOT NULL", { from: since.toISOString() })
      .orderBy('e.at', 'DESC').addOrderBy('e.id', 'DESC').limit(limit).getRawMany();
    return rows.flatMap((r) => (r.query ? [{ query: r.query, at: r.at, language: r.language === 'en' ? 'en' as const : 'nl' as const }] : []));
  }

  async stats(since: Date, limit: number): Promise<KbStats> {
    const from = since.toISOString();
    const counts: Array<{ entry_id: string; kind: string; n: string | number }> = await this.repo
      .createQueryBuilder('e')
      .select('e.entry_id', 'entry_id').addSelect('e.kind', 'kind').addSelect('COUNT(*)', 'n')
      .where('e.at >= :from AND e.entry_id IS NOT NULL', { from })
      .groupBy('e.entry_id').addGroupBy('e.kind')
      .getRawMany();
    const per = new Map<string, { views: number; helped: number; notHelped: number }>();
    for (const c of counts) {
      const entry = per.get(c.entry_id) ?? { views: 0, helped: 0, notHelped: 0 };
      if (c.kind === 'view') entry.views += Number(c.n);
      if (c.kind === 'helped') entry.helped += Number(c.n);
      if (c.kind === 'not-helped') entry.notHelped += Number(c.n);
      per.set(c.entry_id, entry);
    }
    // Grouped here, not with SQL LOWER(): SQLite's only lowers ASCII ("Één" and "één" must be one question).
    const raw: Array<{ query: string; at: string }> = await this.repo
      .createQueryBuilder('e').select('e.query', 'query').addSelect('e.at', 'at')
      .where("e.at >= :from AND e.kind = 'unanswered'", { from }).getRawMany();
    const grouped = new Map<string, { query: string; n: number; last: string }>();
    for (const r of raw) {
      const key = r.query.toLocaleLowerCase('nl');
      const g = grouped.get(key) ?? { query: key, n: 0, last: r.at };
      g.n++;
      if (r.at > g.last) g.last = r.at;
      grouped.set(key, g);
    }
    const unanswered = [...grouped.values()];
    const entries = [...per.entries()];
    return {
      mostViewed: entries.filter(([, v]) => v.views > 0).map(([entryId, v]) => ({ entryId, views: v.views }))
        .sort((a, b) => b.views - a.views || a.entryId.localeCompare(b.entryId)).slice(0, limit),
      feedback: entries.filter(([, v]) => v.helped + v.notHelped > 0)
        .map(([entryId, v]) => ({ entryId, helped: v.helped, notHelped: v.notHelped, notHelpedRate: Math.round((v.notHelped / (v.helped + v.notHelped)) * 100) / 100 }))
        .sort((a, b) => b.notHelpedRate - a.notHelpedRate || b.notHelped - a.notHelped || a.entryId.localeCompare(b.entryId)).slice(0, limit),
      unanswered: unanswered.map((u) => ({ query: u.query, count: Number(u.n), lastAt: u.last }))
        .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt)).slice(0, limit),
    };
  }
}
