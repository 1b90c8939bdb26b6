import { describe, expect, it } from 'vitest';
import { TypeOrmDigestSettings } from '../../../storage/reports/typeorm-digest-settings.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';

/** The per-channel digest setting (issue 9 point 1) on both databases: default off, overwrite, audit, an unknown stored value. */

describe.each(DATABASE_KINDS)('TypeOrmDigestSettings on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const settings = new TypeOrmDigestSettings(db.dataSource);
    const audit = async () =>
      ((await db.dataSource.query("SELECT actor, action, subject_type, subject_id, after FROM audit_log WHERE action = 'channel.digest' ORDER BY id")) as Array<Record<string, unknown>>)
        .map((r) => ({ ...r, after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after }));
    return { db, settings, audit };
  }

  it('a channel never set is off; a setting is kept per link, overwritten in place, and each change audited', async () => {
    const { db, settings, audit } = await setup();
    expect(await settings.frequency('l-1')).toBe('off');
    await settings.setFrequency('l-1', 'daily', 'slack:UADMIN', '2026-01-14T09:00:00.000Z');
    await settings.setFrequency('l-2', 'weekly', 'slack:UADMIN', '2026-01-14T09:01:00.000Z');
    expect(await settings.frequency('l-1')).toBe('daily');
    expect(await settings.frequency('l-2')).toBe('weekly');
    expect(await settings.frequency('l-3')).toBe('off');
    await settings.setFrequency('l-1', 'off', 'teams:other', '2026-01-14T09:02:00.000Z');
    expect(await settings.frequency('l-1')).toBe('off');
    expect(await db.dataSource.query('SELECT link_id, frequency, updated_by, updated_at FROM digest_setting ORDER BY link_id')).toEqual([
      { link_id: 'l-1', frequency: 'off', updated_by: 'teams:other', updated_at: '2026-01-14T09:02:00.000Z' },
      { link_id: 'l-2', frequency: 'weekly', updated_by: 'slack:UADMIN', updated_at: '2026-01-14T09:01:00.000Z' },
    ]);
    expect(await audit()).toEqual([
      { actor: 'slack:UADMIN', action: 'channel.digest', subject_type: 'channel-link', subject_id: 'l-1', after: { frequency: 'daily' } },
      { actor: 'slack:UADMIN', action: 'channel.digest', subject_type: 'channel-link', subject_id: 'l-2', after: { frequency: 'weekly' } },
      { actor: 'teams:other', action: 'channel.digest', subject_type: 'channel-link', subject_id: 'l-1', after: { frequency: 'off' } },
    ]);
  });

  it('a stored value the code does not know reads as off', async () => {
    const { db, settings } = await setup();
    await db.dataSource.query(kind === 'postgres'
      ? "INSERT INTO digest_setting (link_id, frequency, updated_by, updated_at) VALUES ($1, $2, 'x', 'y')"
      : "INSERT INTO digest_setting (link_id, frequency, updated_by, updated_at) VALUES (?, ?, 'x', 'y')", ['l-9', 'monthly']);
    expect(await settings.frequency('l-9')).toBe('off');
  });

  it('a second instance on the same database (a restart) reads what the first wrote', async () => {
    const { db, settings } = await setup();
    await settings.setFrequency('l-1', 'weekly', 'a', '2026-01-14T09:00:00.000Z');
    expect(await new TypeOrmDigestSettings(db.dataSource).frequency('l-1')).toBe('weekly');
  });
});
