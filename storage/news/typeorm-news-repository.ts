import type { DataSource } from 'typeorm';
import type { AuditEntry } from '../../core/domain/audit/audit-entry.ts';
import type { NewsRepository } from '../../core/domain/news/news-repository.ts';
import type { NewsItem } from '../../core/domain/news/types.ts';
import { NumberedDocuments, type NumberedRow } from '../documents/numbered-documents.ts';
import { NewsEntity } from '../entities/news.entity.ts';

/** News items "NWS-2026-0003". */
export class TypeOrmNewsRepository implements NewsRepository {
  private readonly documents: NumberedDocuments<NewsItem, NumberedRow>;

  constructor(dataSource: DataSource) {
    this.documents = new NumberedDocuments<NewsItem, NumberedRow>(dataSource, NewsEntity, 'NWS');
  }

  create(item: Omit<NewsItem, 'id'>, year: number, audit: (id: string) => AuditEntry): Promise<NewsItem> {
    return this.documents.create(item, year, audit);
  }

  get(id: string): Promise<NewsItem | undefined> {
    return this.documents.get(id);
  }

  update(item: NewsItem, expectedUpdatedAt: string, audit: AuditEntry): Promise<boolean> {
    return this.documents.update(item, expectedUpdatedAt, audit);
  }

  list(filter: { createdFrom?: string; createdTo?: string }): Promise<NewsItem[]> {
    return this.documents.list(filter);
  }
}
