import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderIncidentChart } from '../../../bot/reports/incident-chart.ts';
import { translator } from '../../../cards/i18n/translate.ts';
import type { Digest } from '../../../core/domain/reports/digest.ts';
import { daysOf, lastCompletePeriod } from '../../../core/domain/reports/report-period.ts';
import { TypeOrmReportImages } from '../../../storage/reports/typeorm-report-images.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';

/**
 * Stored report charts (issue 9 point 2): a PNG under a random 192-bit token, the URL being the
 * only key. On a real SQLite file and the real Postgres server.
 */

const AT = '2026-11-23T07:00:00.000Z';
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

function chart(): Buffer {
  const period = lastCompletePeriod('week', new Date('2026-11-25T10:00:00.000Z'));
  const digest: Digest = {
    organisationId: 'org-a', period,
    incidents: {
      opened: 5, resolved: 2, open: 3, openedByLayer: { local: 2, chain: 3 }, openedByApplication: {},
      takeMinutes: { count: 0, median: null, p90: null }, resolveMinutes: { count: 0, median: null, p90: null },
      perDay: daysOf(period).map((d, i) => ({ day: d.day, byLayer: (i % 2 ? { local: 1 } : { chain: i }) as Record<string, number> })),
    },
    maintenance: { done: 0, coming: 0 }, deliveriesFailed: 0, kbUnanswered: 0,
  };
  return renderIncidentChart(translator('nl'), digest);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(DATABASE_KINDS)('TypeOrmReportImages on %s', (kind: DatabaseKind) => {
  const database = databasePerTest(kind);

  it('round-trips a rendered chart byte for byte by its token', async () => {
    const images = new TypeOrmReportImages((await database.open()).dataSource);
    const png = chart();
    const token = await images.store(png, AT);
    const back = await images.get(token);
    expect(back).toBeInstanceOf(Buffer);
    expect(back!.equals(png)).toBe(true);
  });

  it('round-trips every byte value (binary, not text)', async () => {
    const images = new TypeOrmReportImages((await database.open()).dataSource);
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(64 * 1024), Buffer.from([0, 0, 0])]);
    const token = await images.store(bytes, AT);
    expect((await images.get(token))!.equals(bytes)).toBe(true);
  });

  it('stores the row with its token and creation time', async () => {
    const db = await database.open();
    const images = new TypeOrmReportImages(db.dataSource);
    const token = await images.store(Buffer.from('png'), AT);
    const rows = await db.dataSource.query('SELECT token, created_at FROM report_image');
    expect(rows).toEqual([{ token, created_at: AT }]);
  });

  it('gives each image its own 32-character url-safe token', async () => {
    const images = new TypeOrmReportImages((await database.open()).dataSource);
    const png = chart();
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) tokens.push(await images.store(png, AT));
    for (const token of tokens) {
      expect(token).toMatch(TOKEN);
      // Usable as-is in a URL path segment.
      expect(encodeURIComponent(token)).toBe(token);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    // The same PNG stored twice is two images, each under its own token.
    for (const token of tokens) expect((await images.get(token))!.equals(png)).toBe(true);
  });

  it('keeps images apart: each token gives its own PNG', async () => {
    const images = new TypeOrmReportImages((await database.open()).dataSource);
    const a = Buffer.from('first image');
    const b = Buffer.from('second image');
    const ta = await images.store(a, AT);
    const tb = await images.store(b, AT);
    expect((await images.get(ta))!.toString()).toBe('first image');
    expect((await images.get(tb))!.toString()).toBe('second image');
  });

  it('returns undefined for a well-formed token that was never stored', async () => {
    const images = new TypeOrmReportImages((await database.open()).dataSource);
    await images.store(chart(), AT);
    expect(await images.get(randomBytes(24).toString('base64url'))).toBeUndefined();
  });

  it('matches tokens exactly (case-sensitive, no prefix)', async () => {
    const images = new TypeOrmReportImages((await database.open()).dataSource);
    let token = await images.store(Buffer.from('x'), AT);
    // A token with at least one letter, so that flipping its case changes it.
    while (!/[A-Za-z]/.test(token)) token = await images.store(Buffer.from('x'), AT);
    const i = token.search(/[A-Za-z]/);
    const c = token[i]!;
    const flipped = token.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + token.slice(i + 1);
    expect(await images.get(flipped)).toBeUndefined();
    expect(await images.get(`${token.slice(0, 31)}A` === token ? `${token.slice(0, 31)}B` : `${token.slice(0, 31)}A`)).toBeUndefined();
  });

  it('returns undefined for malformed tokens without querying the database', async () => {
    const db = await database.open();
    const images = new TypeOrmReportImages(db.dataSource);
    const token = await images.store(Buffer.from('x'), AT);
    const find = vi.spyOn(Repository.prototype, 'findOneBy');
    const query = vi.spyOn(db.dataSource, 'query');
    const getRepository = vi.spyOn(db.dataSource, 'getRepository');
    const malformed = [
      '', 'abc', token.slice(0, 31), `${token}A`, `${token}.png`, `${token.slice(0, 31)}=`, `${token.slice(0, 31)}+`, `${token.slice(0, 31)}/`,
      `${token.slice(0, 31)} `, ` ${token.slice(0, 31)}`, `${token.slice(0, 30)}\n`, `${token.slice(0, 31)}é`, "' OR '1'='1' --             ", '../'.repeat(11) + '..',
      `${token.slice(0, 31)}%`, `${token}\n`, `\n${token}`, 'x'.repeat(1000),
    ];
    for (const bad of malformed) expect(await images.get(bad), JSON.stringify(bad)).toBeUndefined();
    expect(find).not.toHaveBeenCalled();
    expect(query).not.toHaveBeenCalled();
    expect(getRepository).not.toHaveBeenCalled();
    // …while a well-formed one does go to the database.
    expect(await images.get(token)).toBeDefined();
    expect(find).toHaveBeenCalledTimes(1);
  });
});
