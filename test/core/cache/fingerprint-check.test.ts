import { describe, expect, it } from 'vitest';
import { FingerprintCheck } from '../../../core/cache/fingerprint-check.ts';

/** A fingerprint the test sets, counting reads; `fail` makes the next reads reject. */
function source() {
  const s = { value: 'v1', reads: 0, fail: false, read: async () => { s.reads++; if (s.fail) throw new Error('database away'); return s.value; } };
  return s;
}

describe('FingerprintCheck', () => {
  it('asks at most every everyMs; concurrent questions share one read; a change stays reported until a new copy is loaded', async () => {
    let now = 0;
    const db = source();
    const check = new FingerprintCheck(db.read, 2000, () => now);
    expect(await check.changed()).toBe(false); // nothing loaded yet: nothing to compare with
    check.loaded(await check.read());
    expect(db.reads).toBe(1);
    now = 1999;
    expect(await check.changed()).toBe(false);
    expect(db.reads).toBe(1);
    db.value = 'v2';
    now = 2000;
    expect(await Promise.all([check.changed(), check.changed(), check.changed()])).toEqual([true, true, true]);
    expect(db.reads).toBe(2);
    now = 3000;
    expect(await check.changed()).toBe(false); // asked at 2000: not again before 4000
    now = 4000;
    expect(await check.changed()).toBe(true); // the cache did not reload yet
    const stamp = await check.read();
    check.loaded(stamp);
    now = 6000;
    expect(await check.changed()).toBe(false);
    expect(db.reads).toBe(5);
  });

  it('a failing read answers "unchanged" (the copy keeps answering) and is tried again after everyMs', async () => {
    let now = 0;
    const db = source();
    const check = new FingerprintCheck(db.read, 2000, () => now);
    check.loaded(await check.read());
    db.value = 'v2';
    db.fail = true;
    now = 2000;
    expect(await check.changed()).toBe(false);
    db.fail = false;
    now = 3000;
    expect(await check.changed()).toBe(false);
    now = 4000;
    expect(await check.changed()).toBe(true);
  });
});
