import type { Clock } from '../../clock.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import { directoryNames } from '../directory/directory-names.ts';
import { QUESTION_LIMITS, questionKey, questionProblem, tidyQuestion } from './alternative-questions.ts';
import { scrubQuestion } from './kb-events.ts';
import type { KbRepository } from './kb-repository.ts';
import { analyze } from './text-analysis.ts';

/** Where a learned question came from: a person's pick after "Nee", or an administrator's link in the review. */
export type LearnSource = 'feedback' | 'review';
export type LearnResult = 'learned' | 'known' | 'refused';

/**
 * Learning from use (what QnA Maker called active learning): a phrasing that led to an entry is
 * stored as an alternative question of that entry, so the next person asking it that way finds it.
 * Audited (`kb.question.learned`, with the source); the search sees it at once.
 */
export class KbLearning {
  /** One learn at a time: two at once on one entry would each append to the list read before the other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      kb: KbRepository;
      /** The search to refresh after a change. */
      search: { invalidate(): void };
      directory: DirectoryRepository;
      clock: Clock;
    },
  ) {}

  /**
   * `refused`: no such entry, or the question (scrubbed of numbers first) is too short or long, has
   * no meaningful word, or still looks like a patient's details. `known`: the entry already has it
   * (as a question or as its title; case, accents and spacing aside). The list keeps the latest 50.
   */
  learn(entryId: string, question: string, by: { actor: string; source: LearnSource }): Promise<LearnResult> {
    const run = this.queue.then(() => this.learnNow(entryId, question, by));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async learnNow(entryId: string, question: string, by: { actor: string; source: LearnSource }): Promise<LearnResult> {
    // Too long is refused, not cut short (scrubbing keeps the first 300 characters).
    if (tidyQuestion(question).length > QUESTION_LIMITS.max) return 'refused';
    const text = tidyQuestion(scrubQuestion(question));
    const now = this.deps.clock.now();
    const notNames = directoryNames(await this.deps.directory.load());
    if (questionProblem(text, { now, notNames })) return 'refused';
    const [entry] = await this.deps.kb.byIds([entryId]);
    if (!entry) return 'refused';
    // Only stopwords ("hoe kan dat nou?"): nothing the search could find it by.
    if (!analyze(text, entry.language).length) return 'refused';
    const key = questionKey(text);
    if (questionKey(entry.title) === key || entry.questions.some((q) => questionKey(q) === key)) return 'known';
    // Oldest first: at the limit the oldest question makes room.
    const questions = [...entry.questions, text].slice(-QUESTION_LIMITS.perEntry);
    const at = now.toISOString();
    // The entry's "updated" stays its last edit by an editor: who taught it what is in the audit.
    await this.deps.kb.upsert([{ ...entry, questions }], [{
      at, actor: by.actor, action: 'kb.question.learned', subjectType: 'kb-entry', subjectId: entry.id,
      before: { questions: entry.questions }, after: { questions, question: text, source: by.source },
    }]);
    this.deps.search.invalidate();
    return 'learned';
  }
}
