import { describe, expect, it } from 'vitest';
import { TypeOrmAuditLog } from '../../../storage/audit/typeorm-audit-log.ts';
import { TypeOrmKbLearningStore } from '../../../storage/knowledge-base/typeorm-kb-learning-store.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';

/** The record behind learning from use (migration 017): votes per person and phrasing, and which questions were learned. Both databases. */

const P1 = '1'.repeat(64);
const P2 = '2'.repeat(64);
const P3 = '3'.repeat(64);
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();

describe.each(DATABASE_KINDS)('TypeOrmKbLearningStore on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);
  const open = async () => {
    const db = await databases.open();
    return { store: new TypeOrmKbLearningStore(db.dataSource), audit: new TypeOrmAuditLog(db.dataSource) };
  };

  it('one vote per person per phrasing of an entry; votes counted per person since a time', async () => {
    const { store } = await open();
    const vote = { entryId: 'kb-001', phrasing: P1, actor: 'local:a', question: 'viewer leeg', at: at(1) };
    expect(await store.addVote(vote)).toBe(true);
    expect(await store.addVote({ ...vote, question: 'Viewer leeg!', at: at(2) })).toBe(false);
    expect(await Promise.all([store.addVote({ ...vote, actor: 'local:b' }), store.addVote({ ...vote, actor: 'local:b' })])).toEqual(expect.arrayContaining([true, false]));
    expect(await store.addVote({ ...vote, entryId: 'kb-002' })).toBe(true);
    expect((await store.votes('kb-001', P1)).map((v) => [v.actor, v.question, v.state])).toEqual([['local:a', 'viewer leeg', 'pending'], ['local:b', 'viewer leeg', 'pending']]);
    expect(await store.votesBy('local:a', at(0))).toBe(2);
    expect(await store.votesBy('local:a', at(2))).toBe(0);
  });

  it('proposals: pending votes grouped per entry and phrasing, most people first, then the most recent, with the latest typing', async () => {
    const { store } = await open();
    await store.addVote({ entryId: 'kb-001', phrasing: P1, actor: 'a', question: 'viewer leeg', at: at(1) });
    await store.addVote({ entryId: 'kb-002', phrasing: P2, actor: 'a', question: 'printen', at: at(2) });
    await store.addVote({ entryId: 'kb-002', phrasing: P2, actor: 'b', question: 'Printen!', at: at(3) });
    await store.addVote({ entryId: 'kb-003', phrasing: P3, actor: 'c', question: 'wachtwoord', at: at(4) });
    expect(await store.proposals(10)).toEqual([
      { entryId: 'kb-002', phrasing: P2, question: 'Printen!', people: 2, lastAt: at(3) },
      { entryId: 'kb-003', phrasing: P3, question: 'wachtwoord', people: 1, lastAt: at(4) },
      { entryId: 'kb-001', phrasing: P1, question: 'viewer leeg', people: 1, lastAt: at(1) },
    ]);
    expect((await store.proposals(1)).map((p) => p.entryId)).toEqual(['kb-002']);
  });

  it('settled votes leave the proposals, with the audit in the same transaction; they still count for the daily limit', async () => {
    const { store, audit } = await open();
    await store.addVote({ entryId: 'kb-001', phrasing: P1, actor: 'a', question: 'viewer leeg', at: at(1) });
    await store.settle('kb-001', P1, 'rejected', [{ at: at(5), actor: 'editor', action: 'kb.question.rejected', subjectType: 'kb-entry', subjectId: 'kb-001' }]);
    expect(await store.proposals(10)).toEqual([]);
    expect((await store.votes('kb-001', P1)).map((v) => v.state)).toEqual(['rejected']);
    expect(await store.votesBy('a', at(0))).toBe(1);
    expect((await audit.since(new Date(0))).map((a) => a.action)).toEqual(['kb.question.rejected']);
  });

  it('learned questions: recorded per entry (again replaces), read oldest first, removed by key', async () => {
    const { store } = await open();
    await store.addLearned({ entryId: 'kb-001', key: P2, question: 'tweede', source: 'feedback', at: at(2) });
    await store.addLearned({ entryId: 'kb-001', key: P1, question: 'eerste', source: 'review', at: at(1) });
    await store.addLearned({ entryId: 'kb-002', key: P1, question: 'ander artikel', source: 'review', at: at(1) });
    await store.addLearned({ entryId: 'kb-001', key: P1, question: 'Eerste', source: 'review', at: at(3) });
    expect((await store.learned('kb-001')).map((r) => [r.key, r.question, r.source])).toEqual([[P2, 'tweede', 'feedback'], [P1, 'Eerste', 'review']]);
    await store.removeLearned('kb-001', [P2, P3]);
    expect((await store.learned('kb-001')).map((r) => r.question)).toEqual(['Eerste']);
    expect((await store.learned('kb-002')).map((r) => r.question)).toEqual(['ander artikel']);
  });
});
