import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../core/clock.ts';
import { importDirectory } from '../../../core/domain/directory/import-directory.ts';
import { importKbEntries } from '../../../core/domain/knowledge-base/import-entries.ts';
import { loadDemoDataIfEmpty } from '../../../bot/demo-data.ts';
import { createLogger } from '../../../bot/logger.ts';
import { TypeOrmAuditLog } from '../../../storage/audit/typeorm-audit-log.ts';
import { TypeOrmDirectoryRepository } from '../../../storage/directory/typeorm-directory-repository.ts';
import { TypeOrmKbRepository } from '../../../storage/knowledge-base/typeorm-kb-repository.ts';
import { databasePerTest } from '../../support/databases.ts';

const logger = createLogger('silent', false);
const NOW = new Date('2026-09-01T08:00:00.000Z');
const clock: Clock = { now: () => NOW };

describe('loadDemoDataIfEmpty (SQLite)', () => {
  const databases = databasePerTest('sqlite');

  async function setup() {
    const db = await databases.open();
    const dataSource = db.dataSource;
    const counts = async () => {
      const directory = await new TypeOrmDirectoryRepository(dataSource).load();
      return {
        organisations: directory.organisations.length,
        applications: directory.applications.length,
        contacts: directory.contacts.length,
        kb: await new TypeOrmKbRepository(dataSource).count(),
        audit: (await new TypeOrmAuditLog(dataSource).since(new Date(0))).length,
      };
    };
    return { dataSource, counts };
  }

  it('an empty database gets the demo directory and knowledge base, audited as demo-data', async () => {
    const { dataSource, counts } = await setup();
    expect(await loadDemoDataIfEmpty(dataSource, clock, logger)).toBe(true);
    expect(await counts()).toEqual({ organisations: 23, applications: 12, contacts: 30, kb: 54, audit: 23 + 12 + 30 + 54 });
    const audit = await new TypeOrmAuditLog(dataSource).since(new Date(0));
    for (const e of audit) {
      expect(e.actor).toBe('demo-data');
      expect(e.at).toBe(NOW.toISOString());
    }
    expect(audit.filter((e) => e.action === 'kb.entry.add')).toHaveLength(54);
    const entries = await new TypeOrmKbRepository(dataSource).all();
    expect(entries.every((e) => e.published && e.createdBy === 'demo-data')).toBe(true);
  });

  it('a second call does nothing: false, no duplicate entries or audit', async () => {
    const { dataSource, counts } = await setup();
    expect(await loadDemoDataIfEmpty(dataSource, clock, logger)).toBe(true);
    const before = await counts();
    expect(await loadDemoDataIfEmpty(dataSource, { now: () => new Date('2026-09-02T08:00:00.000Z') }, logger)).toBe(false);
    expect(await counts()).toEqual(before);
    expect(await new TypeOrmAuditLog(dataSource).since(new Date('2026-09-01T08:00:00.001Z'))).toEqual([]);
  });

  it('a database that already has a directory entry is left alone', async () => {
    const { dataSource, counts } = await setup();
    const result = await importDirectory(new TypeOrmDirectoryRepository(dataSource), {
      organisations: [{ id: 'org-eigen', name: 'Eigen organisatie', kind: 'care-provider', desk: { name: 'ICT', hours: '24x7' } }],
    }, { replace: false, actor: 'cli', now: new Date('2026-08-01T00:00:00Z') });
    expect(result).toHaveProperty('summary');
    expect(await loadDemoDataIfEmpty(dataSource, clock, logger)).toBe(false);
    expect(await counts()).toEqual({ organisations: 1, applications: 0, contacts: 0, kb: 0, audit: 1 });
  });

  it('a database that already has a knowledge-base entry is left alone', async () => {
    const { dataSource, counts } = await setup();
    const result = await importKbEntries(new TypeOrmKbRepository(dataSource), [{
      id: 'kb-eigen', language: 'nl', title: 'Eigen artikel', problem: 'Probleem', solution: 'Oplossing', tags: [], applicationIds: [], audience: 'beheerder', published: false,
    }], { actor: 'cli', now: new Date('2026-08-01T00:00:00Z') });
    expect(result).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(await loadDemoDataIfEmpty(dataSource, clock, logger)).toBe(false);
    expect(await counts()).toEqual({ organisations: 0, applications: 0, contacts: 0, kb: 1, audit: 1 });
  });
});
