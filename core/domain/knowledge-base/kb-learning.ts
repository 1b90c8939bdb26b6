import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import { directoryNames } from '../directory/directory-names.ts';
import { QUESTION_LIMITS, questionKey, questionProblem, tidyQuestion } from './alternative-questions.ts';
import { scrubQuestion } from './kb-events.ts';
import type { KbLearningStore, LearnedQuestionRow, LearnSource } from './kb-learning-store.ts';
import type { KbRepository } from './kb-repository.ts';
import { analyze } from './text-analysis.ts';
import type { KbEntry } from './types.ts';

export type { LearnSource } from './kb-learning-store.ts';

/**
 * `learned`: the entry has the question now (the search uses it). `pending`: a person's proposal,
 * kept until enough people make it (or a writer confirms it). `known`: the entry has it already.
 * `refused`: no such entry, or not a question to keep. `full`: the entry's questions are all typed
 * by editors, nothing learned can make room. `ignored`: this person proposed enough today, or a
 * writer turned this proposal down (silently: a person picking an answer is not told off).
 */
export type LearnResult = 'learned' | 'pending' | 'known' | 'refused' | 'full' | 'ignored';

export const LEARNING = {
  /** Different people who must pick the same entry for a phrasing before it is used. */
  people: 2,
  /** Proposals one person can add in 24 hours; more are ignored. */
  proposalsPerDay: 10,
  /** Learned questions per entry: the oldest learned one makes room. Editors' questions never do. */
  learnedPerEntry: 20,
} as const;

const DAY_MS = 86_400_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * One phrasing however it is typed, for counting who proposed it: case, accents, punctuation,
 * spacing and numbers do not count ("Moet elke 5 min…" and "moet elke 10 min…" are one proposal).
 */
export const proposalKey = (question: string): string => sha256(questionKey(scrubQuestion(question)).replace(/\p{N}+/gu, '0'));
/** One alternative question however it is typed (questionKey), as the learned record keys it. */
const learnedKey = (question: string): string => sha256(questionKey(question));

/** A phrasing people proposed for an entry, waiting for a writer (or a second person). */
export interface Proposal {
  entry: Pick<KbEntry, 'id' | 'title' | 'language' | 'published'>;
  /** Its id for the entry (see proposalKey). */
  phrasing: string;
  /** The latest way it was typed (scrubbed of numbers). */
  question: string;
  /** How many different people proposed it. */
  people: number;
  lastAt: string;
}

/**
 * Learning from use (what QnA Maker called active learning): a phrasing that led to an entry
 * becomes an alternative question of that entry, so the next person asking it that way finds it.
 * A writer's link (source `review`) is used at once. A person's pick after "Nee" (source
 * `feedback`) is a proposal: used only once LEARNING.people different people proposed the same
 * phrasing for the same entry, or a writer confirms it; until then only writers see it. Learned
 * questions never push out what editors typed; they have their own cap. Audited
 * (`kb.question.learned`, with the source) when it becomes active; the search sees it at once.
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
      store: KbLearningStore;
    },
  ) {}

  /**
   * `refused`: no such entry, or the question (scrubbed of numbers first) is too short or long, has
   * no meaningful word, or still looks like a patient's details. `known`: the entry already has it
   * (as a question or as its title; case, accents and spacing aside).
   */
  learn(entryId: string, question: string, by: { actor: string; source: LearnSource }): Promise<LearnResult> {
    return this.serial(() => this.learnNow(entryId, question, by));
  }

  /** Open proposals, most people first: entries gone, or phrasings the entry has by now, left out. */
  async proposals(limit: number): Promise<Proposal[]> {
    // A few more than asked: some may have been settled another way (an editor typed the question).
    const rows = await this.deps.store.proposals(limit + 20);
    const entries = new Map((rows.length ? await this.deps.kb.byIds([...new Set(rows.map((r) => r.entryId))]) : []).map((e) => [e.id, e]));
    const open: Proposal[] = [];
    for (const row of rows) {
      const entry = entries.get(row.entryId);
      if (!entry || knows(entry, row.question)) continue;
      open.push({ entry: { id: entry.id, title: entry.title, language: entry.language, published: entry.published }, phrasing: row.phrasing, question: row.question, people: row.people, lastAt: row.lastAt });
      if (open.length >= limit) break;
    }
    return open;
  }

  /** One open proposal, looked up again (for a writer's button); undefined when it is no longer open. */
  async proposal(entryId: string, phrasing: string): Promise<Proposal | undefined> {
    const pending = (await this.deps.store.votes(entryId, phrasing)).filter((v) => v.state === 'pending');
    const [entry] = pending.length ? await this.deps.kb.byIds([entryId]) : [];
    const latest = pending.at(-1);
    if (!entry || !latest || knows(entry, latest.question)) return undefined;
    return { entry: { id: entry.id, title: entry.title, language: entry.language, published: entry.published }, phrasing, question: latest.question, people: pending.length, lastAt: latest.at };
  }

  /** A writer turns a proposal down: audited; people cannot propose it for that entry again. */
  reject(entryId: string, phrasing: string, actor: string): Promise<boolean> {
    return this.serial(async () => {
      const open = await this.proposal(entryId, phrasing);
      if (!open) return false;
      await this.deps.store.settle(entryId, phrasing, 'rejected', [{
        at: this.deps.clock.now().toISOString(), actor, action: 'kb.question.rejected', subjectType: 'kb-entry', subjectId: entryId,
        after: { question: open.question, people: open.people },
      }]);
      return true;
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
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
    if (knows(entry, text)) return 'known';
    if (by.source === 'review') return this.activate(entry, text, by);
    return this.propose(entry, text, by.actor, now);
  }

  /** A person's pick after "Nee": one vote; the phrasing is learned when enough different people made it. */
  private async propose(entry: KbEntry, text: string, actor: string, now: Date): Promise<LearnResult> {
    const { store } = this.deps;
    const phrasing = proposalKey(text);
    const before = await store.votes(entry.id, phrasing);
    if (before.some((v) => v.state === 'rejected')) return 'ignored';
    if (before.some((v) => v.actor === actor)) return before.some((v) => v.actor === actor && v.state === 'pending') ? 'pending' : 'ignored';
    if (await store.votesBy(actor, new Date(now.getTime() - DAY_MS).toISOString()) >= LEARNING.proposalsPerDay) return 'ignored';
    if (!(await store.addVote({ entryId: entry.id, phrasing, actor, question: text, at: now.toISOString() }))) return 'pending';
    const pending = (await store.votes(entry.id, phrasing)).filter((v) => v.state === 'pending');
    if (pending.length < LEARNING.people) return 'pending';
    // The way it was first typed is the one kept.
    return this.activate(entry, pending[0]!.question, { actor, source: 'feedback' }, pending.length);
  }

  /** Adds the question to the entry, making room by dropping the oldest learned questions only. */
  private async activate(entry: KbEntry, text: string, by: { actor: string; source: LearnSource }, people?: number): Promise<LearnResult> {
    const { store } = this.deps;
    const key = learnedKey(text);
    const inEntry = new Set(entry.questions.map(learnedKey));
    const records = new Map((await store.learned(entry.id)).map((r) => [r.key, r]));
    // The entry's learned questions, oldest first: in the entry's order (learned ones are appended).
    const learnedNow = [...new Set(entry.questions.map(learnedKey))].flatMap((k) => records.get(k) ?? []);
    // Records of questions an editor removed since: forgotten (the one being learned again excepted).
    const stale = [...records.keys()].filter((k) => !inEntry.has(k) && k !== key);
    const dropped: LearnedQuestionRow[] = [];
    while (learnedNow.length - dropped.length >= LEARNING.learnedPerEntry || entry.questions.length - dropped.length >= QUESTION_LIMITS.perEntry) {
      const oldest = learnedNow[dropped.length];
      if (!oldest) return 'full';
      dropped.push(oldest);
    }
    const droppedKeys = new Set(dropped.map((d) => d.key));
    const questions = [...entry.questions.filter((q) => !droppedKeys.has(learnedKey(q))), text];
    const at = this.deps.clock.now().toISOString();
    // The record first: if the entry write fails, a record of a question the entry lacks is ignored.
    await store.addLearned({ entryId: entry.id, key, question: text, source: by.source, at });
    // The entry's "updated" stays its last edit by an editor: who taught it what is in the audit.
    await this.deps.kb.upsert([{ ...entry, questions }], [{
      at, actor: by.actor, action: 'kb.question.learned', subjectType: 'kb-entry', subjectId: entry.id,
      before: { questions: entry.questions },
      after: { questions, question: text, source: by.source, ...(people ? { people } : {}), ...(dropped.length ? { dropped: dropped.map((d) => d.question) } : {}) },
    }]);
    await store.removeLearned(entry.id, [...stale, ...droppedKeys]);
    // What people proposed is settled by a writer's link too.
    await store.settle(entry.id, proposalKey(text), 'learned');
    this.deps.search.invalidate();
    return 'learned';
  }
}

/** The entry has this question already: as one of its questions or as its title. */
function knows(entry: KbEntry, question: string): boolean {
  const key = questionKey(question);
  return questionKey(entry.title) === key || entry.questions.some((q) => questionKey(q) === key);
}
