import type { CardView } from '../../../cards/views/card-view.ts';
import type { Clock } from '../../clock.ts';
import type { Announcer } from '../../delivery/announcer.ts';
import { localParts } from '../../time/amsterdam-time.ts';
import { stampAfter } from '../../time/stamp-after.ts';
import { isCoordinator, type Person } from '../access/types.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import type { DirectoryDocument, Organisation } from '../directory/types.ts';
import { findCitizenServiceNumbersIn } from '../privacy/citizen-service-number.ts';
import { fieldsWithPatientDetails } from '../privacy/patient-details.ts';
import type { NewsRepository } from './news-repository.ts';
import type { NewsItem } from './types.ts';
import { directoryNames } from '../directory/directory-names.ts';

export type NewsField = 'title' | 'text';
export type NewsFieldProblem = { code: 'required' } | { code: 'too-long'; max: number } | { code: 'citizen-service-number'; found: string } | { code: 'patient-details' };
/** The sender confirmed that what looks like patient details (a name, a date of birth) is not. */
export interface NewsConfirmation { notPatientData?: boolean }
export type NewsProblem =
  | { code: 'invalid'; fields: Partial<Record<NewsField, NewsFieldProblem>> }
  | { code: 'forbidden' }
  | { code: 'not-found'; id: string }
  | { code: 'conflict'; id: string };
export type NewsOutcome = { ok: true; value: NewsItem } | { ok: false; problem: NewsProblem };

export interface NewsPresenter {
  channelCard(item: NewsItem, directory: DirectoryDocument): CardView;
  editedNote(item: NewsItem): string;
}

const MAX = { title: 200, text: 4000 };

/**
 * Regional and national communication (seed 000): an RSO's administrators post news to the alert
 * channels of the organisations in its region, chain coordination to everyone; through the outbox,
 * edited in place, with the outbox's delivery report.
 */
export class NewsService {
  constructor(private readonly d: { news: NewsRepository; directory: DirectoryRepository; announcer: Announcer; presenter: NewsPresenter; clock: Clock }) {}

  /** Who speaks for whom: chain coordination nationally, an RSO's administrator for its region. */
  senderFor(person: Person, directory: DirectoryDocument): { scope: 'national'; sender: Organisation } | { scope: 'region'; sender: Organisation } | undefined {
    if (isCoordinator(person)) {
      const chain = directory.organisations.find((o) => o.kind === 'national-coordination');
      if (chain) return { scope: 'national', sender: chain };
    }
    const rso = directory.organisations.find((o) => o.kind === 'rso' && person.roles.some((g) => g.role === 'administrator' && g.organisationId === o.id));
    return rso ? { scope: 'region', sender: rso } : undefined;
  }

  /** The sender's side corrects: chain coordinators national news, the RSO's administrators its regional news. */
  mayCorrect(person: Person, item: NewsItem): boolean {
    if (item.scope === 'national') return isCoordinator(person);
    return person.roles.some((g) => g.role === 'administrator' && g.organisationId === item.senderId);
  }

  audienceOf(directory: DirectoryDocument, scope: 'region' | 'national', sender: Organisation): string[] {
    if (scope === 'national') return directory.organisations.map((o) => o.id);
    return [sender.id, ...directory.organisations.filter((o) => o.id !== sender.id && sender.region && o.region === sender.region).map((o) => o.id)];
  }

  check(title: string, text: string, options: NewsConfirmation & { directory?: DirectoryDocument } = {}): Partial<Record<NewsField, NewsFieldProblem>> {
    const problems: Partial<Record<NewsField, NewsFieldProblem>> = {};
    // Citizen service numbers in each field, and split over the two.
    const numbers = findCitizenServiceNumbersIn({ title, text });
    for (const [field, value] of [['title', title], ['text', text]] as const) {
      const v = value.trim();
      const found = numbers[field];
      if (!v) problems[field] = { code: 'required' };
      else if (v.length > MAX[field]) problems[field] = { code: 'too-long', max: MAX[field] };
      else if (found) problems[field] = { code: 'citizen-service-number', found };
    }
    // A name or a date of birth: a warning until the sender confirms it is not patient data.
    if (!options.notPatientData) {
      const notNames = options.directory ? directoryNames(options.directory) : [];
      for (const field of fieldsWithPatientDetails({ title, text }, { now: this.d.clock.now(), notNames })) problems[field] ??= { code: 'patient-details' };
    }
    return problems;
  }

  async post(person: Person, title: string, text: string, confirmation: NewsConfirmation = {}): Promise<NewsOutcome> {
    const directory = await this.d.directory.load();
    const speaker = this.senderFor(person, directory);
    if (!speaker) return { ok: false, problem: { code: 'forbidden' } };
    const fields = this.check(title, text, { ...confirmation, directory });
    if (Object.keys(fields).length) return { ok: false, problem: { code: 'invalid', fields } };
    const now = this.d.clock.now();
    const at = now.toISOString();
    const item = await this.d.news.create({
      title: title.trim(), text: text.trim(), scope: speaker.scope, senderId: speaker.sender.id, ...(speaker.sender.region ? { region: speaker.sender.region } : {}),
      audienceIds: this.audienceOf(directory, speaker.scope, speaker.sender), status: 'published',
      createdBy: { id: person.id, name: person.displayName ?? person.userId }, createdAt: at, updatedAt: at,
    }, localParts(now).year, (id) => ({ at, actor: person.id, action: 'news.post', subjectType: 'news', subjectId: id, after: { title, scope: speaker.scope } }));
    if (!(await this.d.announcer.targets(item.audienceIds)).length) return { ok: true, value: item };
    const { notice } = await this.d.announcer.announce('news', item.id, this.d.presenter.channelCard(item, directory), item.audienceIds);
    const withNotice = { ...item, noticeId: notice.id, updatedAt: stampAfter(now, item.updatedAt) };
    const saved = await this.d.news.update(withNotice, item.updatedAt, { at, actor: 'system', action: 'news.posted', subjectType: 'news', subjectId: item.id, after: { noticeId: notice.id } });
    return { ok: true, value: saved ? withNotice : item };
  }

  async get(id: string): Promise<NewsItem | undefined> {
    const m = /^nws-?(\d{4})-?(\d+)$/i.exec(id.trim());
    return this.d.news.get(m ? `NWS-${m[1]}-${m[2]!.padStart(4, '0')}` : id.trim());
  }

  /** A correction: the same card, updated in place everywhere, with a short note in its thread. */
  async edit(person: Person, id: string, title: string, text: string, confirmation: NewsConfirmation = {}): Promise<NewsOutcome> {
    const current = await this.get(id);
    if (!current) return { ok: false, problem: { code: 'not-found', id } };
    const directory = await this.d.directory.load();
    if (!this.mayCorrect(person, current)) return { ok: false, problem: { code: 'forbidden' } };
    const fields = this.check(title, text, { ...confirmation, directory });
    if (Object.keys(fields).length) return { ok: false, problem: { code: 'invalid', fields } };
    const now = this.d.clock.now();
    const next: NewsItem = { ...current, title: title.trim(), text: text.trim(), status: 'edited', updatedAt: stampAfter(now, current.updatedAt) };
    if (!(await this.d.news.update(next, current.updatedAt, { at: now.toISOString(), actor: person.id, action: 'news.edit', subjectType: 'news', subjectId: current.id, before: { title: current.title, text: current.text }, after: { title: next.title, text: next.text } }))) {
      return { ok: false, problem: { code: 'conflict', id: current.id } };
    }
    if (next.noticeId) await this.d.announcer.revise(next.noticeId, this.d.presenter.channelCard(next, directory), this.d.presenter.editedNote(next));
    return { ok: true, value: next };
  }

  /** How many alert channels its card goes to now. */
  async channelCount(item: NewsItem): Promise<number> {
    return (await this.d.announcer.targets(item.audienceIds)).length;
  }

  async recent(limit = 10): Promise<NewsItem[]> {
    return (await this.d.news.list({})).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  }
}
