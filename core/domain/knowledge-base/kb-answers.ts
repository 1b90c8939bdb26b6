import type { Clock } from '../../clock.ts';
import type { KbEventLog } from './kb-events.ts';
import { scrubQuestion } from './kb-events.ts';
import type { KbRepository } from './kb-repository.ts';
import { questionScope, type KbSearch, type Language } from './kb-search.ts';
import type { KbEntry } from './types.ts';

/**
 * What the chat shows for a question, by how sure the search is:
 * - `answer`: the best entry is shown as the answer; `others` (at most 2) are the next results, to
 *   offer when the answer did not help;
 * - `suggestions`: nothing is sure, these 1–3 entries are likely ("Bedoelt u een van deze?");
 * - `none`: nothing comes close.
 */
export type KbReply =
  | { kind: 'answer'; entry: KbEntry; others: KbEntry[] }
  | { kind: 'suggestions'; entries: KbEntry[] }
  | { kind: 'none' };

type AskOptions = { language: Language; includeDrafts: boolean };

/**
 * Answers a question from the knowledge base as the chat shows it. Views, suggestions and
 * unanswered questions are recorded for "what to write next" (questions scrubbed of numbers).
 */
export class KbAnswers {
  constructor(
    private readonly search: KbSearch,
    private readonly entries: KbRepository,
    private readonly events: KbEventLog,
    private readonly clock: Clock,
  ) {}

  async ask(question: string, options: AskOptions): Promise<KbReply> {
    const hits = await this.search.search(question, { language: options.language, includeDrafts: options.includeDrafts, limit: 3 });
    const at = this.clock.now().toISOString();
    const found = new Map((hits.length ? await this.entries.byIds(hits.map((h) => h.id)) : []).map((e) => [e.id, e]));
    const entries = hits.map((h) => found.get(h.id)).filter((e): e is KbEntry => e !== undefined);
    const [best, ...others] = entries;
    // A clinical or personal question is not the knowledge base's to answer: it is not kept for
    // "what to write next" (it may name a client or a colleague).
    const keep = questionScope(question) !== 'none';
    if (!best) {
      if (keep) await this.events.record([{ at, kind: 'unanswered', query: scrubQuestion(question), language: options.language }]);
      return { kind: 'none' };
    }
    if (hits[0]!.tier === 'answer' && hits[0]!.id === best.id) {
      await this.events.record([{ at, kind: 'view', entryId: best.id, language: options.language }]);
      return { kind: 'answer', entry: best, others: others.slice(0, 2) };
    }
    if (keep) await this.events.record([{ at, kind: 'suggested', query: scrubQuestion(question), language: options.language }]);
    return { kind: 'suggestions', entries };
  }

  /** One entry the person picked (a suggestion, or another entry after "Nee"); undefined when it is gone or not theirs to see. */
  async open(entryId: string, options: AskOptions): Promise<KbEntry | undefined> {
    const [entry] = await this.entries.byIds([entryId]);
    if (!entry || (!entry.published && !options.includeDrafts)) return undefined;
    await this.events.record([{ at: this.clock.now().toISOString(), kind: 'view', entryId: entry.id, language: options.language }]);
    return entry;
  }

  async feedback(entryId: string, helped: boolean, language: Language): Promise<void> {
    await this.events.record([{ at: this.clock.now().toISOString(), kind: helped ? 'helped' : 'not-helped', entryId, language }]);
  }
}
