import { Brackets, type DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { KbLearningStore, LearnedQuestionRow, LearnSource, ProposalRow, QuestionVote, VoteState } from '../../core/domain/knowledge-base/kb-learning-store.ts';
import { appendAudit } from '../audit/typeorm-audit-log.ts';
import { KbLearnedQuestionEntity, KbQuestionVoteEntity, type KbLearnedQuestionRow, type KbQuestionVoteRow } from '../entities/kb-learning.entities.ts';

const voteOf = (r: KbQuestionVoteRow): QuestionVote => ({
  entryId: r.entry_id, phrasing: r.phrasing, actor: r.actor, question: r.question, at: r.at, state: r.state as VoteState,
});

/** KbLearningStore on the bot's database (tables of migration 017). */
export class TypeOrmKbLearningStore implements KbLearningStore {
  constructor(private readonly dataSource: DataSource) {}

  private get votesRepo() {
    return this.dataSource.getRepository<KbQuestionVoteRow>(KbQuestionVoteEntity);
  }

  private get learnedRepo() {
    return this.dataSource.getRepository<KbLearnedQuestionRow>(KbLearnedQuestionEntity);
  }

  async addVote(vote: Omit<QuestionVote, 'state'>): Promise<boolean> {
    const row: KbQuestionVoteRow = { entry_id: vote.entryId, phrasing: vote.phrasing, actor: vote.actor, question: vote.question, at: vote.at, state: 'pending' };
    const key = { entry_id: row.entry_id, phrasing: row.phrasing, actor: row.actor };
    // Checked first so that a repeat does not fail a statement (which would abort a Postgres transaction);
    // the primary key still decides when two arrive at once.
    if (await this.votesRepo.existsBy(key)) return false;
    try {
      await this.votesRepo.insert(row);
      return true;
    } catch (error) {
      if (await this.votesRepo.existsBy(key)) return false;
      throw error;
    }
  }

  async votes(entryId: string, phrasing: string): Promise<QuestionVote[]> {
    const rows = await this.votesRepo.find({ where: { entry_id: entryId, phrasing }, order: { at: 'ASC', actor: 'ASC' } });
    return rows.map(voteOf);
  }

  async votesBy(actor: string, since: string): Promise<number> {
    return this.votesRepo.createQueryBuilder('v').where('v.actor = :actor AND v.at >= :since', { actor, since }).getCount();
  }

  async settle(entryId: string, phrasing: string, state: 'learned' | 'rejected', audit: AuditEntry[] = []): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository<KbQuestionVoteRow>(KbQuestionVoteEntity).update({ entry_id: entryId, phrasing, state: 'pending' }, { state });
      if (audit.length) await appendAudit(m, audit);
    });
  }

  async proposals(limit: number): Promise<ProposalRow[]> {
    const groups: Array<{ entry_id: string; phrasing: string; people: string | number; last_at: string }> = await this.votesRepo
      .createQueryBuilder('v')
      .select('v.entry_id', 'entry_id').addSelect('v.phrasing', 'phrasing').addSelect('COUNT(*)', 'people').addSelect('MAX(v.at)', 'last_at')
      .where("v.state = 'pending'")
      .groupBy('v.entry_id').addGroupBy('v.phrasing')
      .orderBy('people', 'DESC').addOrderBy('last_at', 'DESC').addOrderBy('v.entry_id', 'ASC').addOrderBy('v.phrasing', 'ASC')
      .limit(limit)
      .getRawMany();
    if (!groups.length) return [];
    // The latest way each was typed.
    const rows = await this.votesRepo.createQueryBuilder('v')
      .where("v.state = 'pending'")
      .andWhere(new Brackets((w) => groups.forEach((g, i) => w.orWhere(`(v.entry_id = :e${i} AND v.phrasing = :p${i})`, { [`e${i}`]: g.entry_id, [`p${i}`]: g.phrasing }))))
      .orderBy('v.at', 'ASC').addOrderBy('v.actor', 'ASC')
      .getMany();
    const latest = new Map(rows.map((r) => [`${r.entry_id}\u0000${r.phrasing}`, r.question]));
    return groups.map((g) => ({
      entryId: g.entry_id, phrasing: g.phrasing, question: latest.get(`${g.entry_id}\u0000${g.phrasing}`) ?? '', people: Number(g.people), lastAt: g.last_at,
    }));
  }

  async learned(entryId: string): Promise<LearnedQuestionRow[]> {
    const rows = await this.learnedRepo.find({ where: { entry_id: entryId }, order: { at: 'ASC', question_key: 'ASC' } });
    return rows.map((r) => ({ entryId: r.entry_id, key: r.question_key, question: r.question, source: r.source as LearnSource, at: r.at }));
  }

  async addLearned(row: LearnedQuestionRow): Promise<void> {
    await this.learnedRepo.upsert({ entry_id: row.entryId, question_key: row.key, question: row.question, source: row.source, at: row.at }, ['entry_id', 'question_key']);
  }

  async removeLearned(entryId: string, keys: string[]): Promise<void> {
    for (const key of keys) await this.learnedRepo.delete({ entry_id: entryId, question_key: key });
  }
}
