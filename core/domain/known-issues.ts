/** Something already known to be wrong or planned on an application: shown before an outcome. */
export interface KnownIssue {
  kind: 'incident' | 'maintenance';
  applicationId: string;
  title: string;
  /** e.g. "In behandeling" / "Gepland 23 nov 20:00–22:00", already in the user's language. */
  detail: string;
}

/**
 * The known issues are asked for on every decision-tree outcome and knowledge-base answer: a list
 * read at most this long ago will do (changes made in this process are seen at once, those of the
 * CLI or another instance within this time).
 */
export const KNOWN_ISSUES_MAX_AGE_MS = 2000;

export interface KnownIssuesSource {
  forApplication(applicationId: string, now: Date, locale: 'nl' | 'en'): Promise<KnownIssue[]>;
}

/**
 * Every source of known issues (incidents, maintenance) in one place. The decision tree and the
 * knowledge base ask it; features register their source when they are installed.
 */
export class KnownIssues implements KnownIssuesSource {
  private readonly sources: KnownIssuesSource[] = [];

  register(source: KnownIssuesSource): void {
    this.sources.push(source);
  }

  async forApplication(applicationId: string, now: Date, locale: 'nl' | 'en'): Promise<KnownIssue[]> {
    const all = await Promise.all(this.sources.map((s) => s.forApplication(applicationId, now, locale)));
    return all.flat();
  }
}
