import { EntitySchema } from 'typeorm';

/** One person's proposal (a pick after "Nee") that a phrasing belongs to an entry. */
export interface KbQuestionVoteRow { entry_id: string; phrasing: string; actor: string; question: string; at: string; state: string }

export const KbQuestionVoteEntity = new EntitySchema<KbQuestionVoteRow>({
  name: 'KbQuestionVote',
  tableName: 'kb_question_vote',
  columns: {
    entry_id: { type: 'varchar', length: 100, primary: true },
    phrasing: { type: 'varchar', length: 64, primary: true },
    actor: { type: 'varchar', length: 250, primary: true },
    question: { type: 'text' },
    at: { type: 'varchar', length: 30 },
    state: { type: 'varchar', length: 10 },
  },
});

/** An alternative question that was learned, not typed by an editor. */
export interface KbLearnedQuestionRow { entry_id: string; question_key: string; question: string; source: string; at: string }

export const KbLearnedQuestionEntity = new EntitySchema<KbLearnedQuestionRow>({
  name: 'KbLearnedQuestion',
  tableName: 'kb_learned_question',
  columns: {
    entry_id: { type: 'varchar', length: 100, primary: true },
    question_key: { type: 'varchar', length: 64, primary: true },
    question: { type: 'text' },
    source: { type: 'varchar', length: 20 },
    at: { type: 'varchar', length: 30 },
  },
});
