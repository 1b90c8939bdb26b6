import type { Clock } from '../../clock.ts';
import type { KbEventLog } from './kb-events.ts';
import { scrubQuestion } from './kb-events.ts';
import type { KbRepository } from './kb-repository.ts';
import type { KbSearch, Language } from './kb-search.ts';
import type { KbEntry } from './types.ts';

/**
 * Answers a question from the knowledge base as the chat shows it: the best entries (at most 3),
 * or none when nothing answers well enough. Views and unanswered questions are recorded for
 * "what to write next".
 */
export class KbAnswers {
  constructor(
    private readonly search: KbSearch,
    private readonly entries: KbRepository,
    private readonly events: KbEventLog,
    private readonly clock: Clock,
  ) {}

  async ask(question: string, options: { language: Language; includeDrafts: boolean; limit?: number }): Promise<KbEntry[]> {
    const hits = await this.search.search(question, { language: options.language, includeDrafts: options.includeDrafts, limit: options.limit ?? 3 });
    const at = this.clock.now().toISOString();
    if (!hits.length) {
      await this.events.record([{ at, kind: 'unanswered', query: scrubQuestion(question), language: options.language }]);
      return [];
    }
    const found = new Map((await this.entries.byIds(hits.map((h) => h.id))).map((e) => [e.id, e]));
    const entries = hits.map((h) => found.get(h.id)).filter((e): e is KbEntry => e !== undefined);
    await this.events.record(entries.map((e) => ({ at, kind: 'view' as const, entryId: e.id, language: options.language })));
    return entries;
  }

  async feedback(entryId: string, helped: boolean, language: Language): Promise<void> {
    await this.events.record([{ at: this.clock.now().toISOString(), kind: helped ? 'helped' : 'not-helped', entryId, language }]);
  }
}
