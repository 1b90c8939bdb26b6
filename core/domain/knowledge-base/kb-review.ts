import { questionKey } from './alternative-questions.ts';
import type { KbRepository } from './kb-repository.ts';
import type { KbSearch, Language } from './kb-search.ts';
import { canonicalBy, groupQuestions, phrasingId, questionSimilarity, questionTerms, SAME_QUESTION, type AskedQuestion, type Canonical, type QuestionGroup } from './unanswered-groups.ts';

/** The questions people asked without a sure answer (`unanswered` and `suggested` events), newest first. */
export interface KbAskedQuestions {
  asked(since: Date, limit: number): Promise<AskedQuestion[]>;
}

/** An entry that may answer a group: for "Koppel aan artikel". */
export interface ReviewCandidate {
  id: string;
  title: string;
  score: number;
  language: Language;
  published: boolean;
}

export interface ReviewGroup extends QuestionGroup {
  /** The best 1–3 entries by the search's ranking, in the group's language first. */
  candidates: ReviewCandidate[];
}

/** At most this many questions are read for one review (the newest): enough for months of use, bounded for a flood. */
export const MAX_ASKED = 20_000;
const CANDIDATES = 3;
/** Learned groups skipped at most per review (each costs a search). */
const MAX_LEARNED_SKIPPED = 500;
/**
 * Below this score an entry shares hardly more than a common word with the question ("doet", "code"):
 * not offered. Well below the suggestion tier, since the review is about what the search missed.
 */
export const CANDIDATE_SCORE = 0.2;
/** An entry that has learned a group's question ranks near the top for it: this many are checked. */
const LEARNED_CHECKED = 10;

/**
 * The review of questions without a sure answer, for administrators and `kb stats`: phrasings of one
 * question grouped, each group with the entries that come closest. A group drops out once one of
 * its phrasings (or one alike, see SAME_QUESTION) has been learned as an alternative question of an
 * entry: it has its answer now.
 */
export class KbReview {
  /** Synonyms (the search's list) read alike when grouping: "wachtwoord kwijt" is "wachtwoord vergeten". */
  private readonly canonical: Canonical;

  constructor(private readonly deps: { asked: KbAskedQuestions; search: KbSearch; kb: KbRepository; synonyms: { of(stemmed: string): string[] } }) {
    this.canonical = canonicalBy(deps.synonyms);
  }

  /** The `limit` most asked open groups since then. */
  async groups(since: Date, limit: number): Promise<ReviewGroup[]> {
    const open: ReviewGroup[] = [];
    // Each group is ranked by the search: past this many learned ones, the rest waits for the next review.
    const examined = groupQuestions(await this.deps.asked.asked(since, MAX_ASKED), this.canonical).slice(0, limit + MAX_LEARNED_SKIPPED);
    for (const group of examined) {
      if (open.length >= limit) break;
      const reviewed = await this.reviewed(group);
      if (reviewed) open.push(reviewed);
    }
    return open;
  }

  /** The open group holding the phrasing with this id (see phrasingId), as it stands now; undefined when there is none (any more). */
  async group(id: string, since: Date): Promise<ReviewGroup | undefined> {
    const group = groupQuestions(await this.deps.asked.asked(since, MAX_ASKED), this.canonical).find((g) => g.phrasings.some((p) => phrasingId(p, g.language) === id));
    return group && this.reviewed(group);
  }

  /** The group with its candidates, or undefined when it has been learned. */
  private async reviewed(group: QuestionGroup): Promise<ReviewGroup | undefined> {
    const ranked = await this.deps.search.rank(group.question, { language: group.language, includeDrafts: true });
    // The group's own language first; the other only to fill up.
    const close = ranked.filter((r) => r.score >= CANDIDATE_SCORE);
    const ordered = [...close.filter((r) => r.language === group.language), ...close.filter((r) => r.language !== group.language)].slice(0, CANDIDATES);
    const ids = [...new Set([...ranked.slice(0, LEARNED_CHECKED), ...ordered].map((r) => r.id))];
    const entries = new Map((await this.deps.kb.byIds(ids)).map((e) => [e.id, e]));
    const keys = new Set(group.phrasings.map(questionKey));
    const phrasings = group.phrasings.map((p) => questionTerms(p, group.language));
    // The same phrasing anywhere; one alike only in an entry of the group's language (an English
    // question is not answered by what a Dutch entry learned: the search keeps to the user's language).
    const learned = (q: string, language: Language) => {
      if (keys.has(questionKey(q))) return true;
      if (language !== group.language) return false;
      const terms = questionTerms(q, group.language);
      return phrasings.some((p) => questionSimilarity(p, terms, this.canonical) >= SAME_QUESTION);
    };
    if ([...entries.values()].some((e) => e.questions.some((q) => learned(q, e.language)))) return undefined;
    const candidates = ordered.flatMap((r) => {
      const entry = entries.get(r.id);
      return entry ? [{ id: entry.id, title: entry.title, score: r.score, language: entry.language, published: entry.published }] : [];
    });
    return { ...group, candidates };
  }
}
