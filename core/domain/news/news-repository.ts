import type { AuditEntry } from '../audit/audit-entry.ts';
import type { NewsItem } from './types.ts';

/** Where news items live. Implemented by storage/news/TypeOrmNewsRepository. */
export interface NewsRepository {
  create(item: Omit<NewsItem, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<NewsItem>;
  get(id: string): Promise<NewsItem | undefined>;
  update(item: NewsItem, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean>;
  list(filter: { createdFrom?: string; createdTo?: string }): Promise<NewsItem[]>;
}
