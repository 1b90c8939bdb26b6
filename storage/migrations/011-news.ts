import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Regional and national news items: the whole item as JSON. */
export class News1763800000011 implements MigrationInterface {
  name = 'News1763800000011';

  async up(q: QueryRunner): Promise<void> {
    const v = (name: string, length: string) => ({ name, type: 'varchar', length });
    await q.createTable(new Table({
      name: 'news',
      columns: [
        { ...v('id', '20'), isPrimary: true }, { name: 'year', type: 'integer' }, { name: 'number', type: 'integer' },
        v('status', '20'), v('created_at', '30'), v('updated_at', '30'), { name: 'content', type: 'text' },
      ],
    }));
    await q.createIndex('news', new TableIndex({ name: 'idx_news_year_number', columnNames: ['year', 'number'], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('news');
  }
}
