import { describe, expect, it } from 'vitest';
import type { DeliveryWorker } from '../../../core/delivery/delivery-worker.ts';
import { importAppInPauses } from '../../../bot/startup/load-in-pauses.ts';

describe('importAppInPauses', () => {
  it('waits for a pause of the outbox before each heavy piece, within one overall limit, and returns app.ts', async () => {
    const calls: Array<{ gapMs: number; maxWaitMs: number }> = [];
    const worker = { whenIdle: async (gapMs: number, maxWaitMs: number) => { calls.push({ gapMs, maxWaitMs }); } } as unknown as DeliveryWorker;
    const app = await importAppInPauses(worker, { slack: true, mail: true });
    expect(typeof app.createKetenbot).toBe('function');
    // The heavy packages one by one, then app.ts itself.
    expect(calls).toHaveLength(10);
    for (const c of calls) expect(c.gapMs).toBe(700);
    expect(calls[0]!.maxWaitMs).toBeLessThanOrEqual(3000);
    expect(calls[0]!.maxWaitMs).toBeGreaterThan(2500);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.maxWaitMs).toBeLessThanOrEqual(calls[i - 1]!.maxWaitMs);
  });

  it('a busy outbox does not keep the chat down: after 3 s everything loads', async () => {
    // An outbox that never pauses: each wait takes its whole allowance.
    const worker = { whenIdle: (_gap: number, maxWaitMs: number) => new Promise<void>((r) => setTimeout(r, maxWaitMs)) } as unknown as DeliveryWorker;
    const start = Date.now();
    const app = await importAppInPauses(worker, { slack: true, mail: true });
    expect(typeof app.createKetenbot).toBe('function');
    expect(Date.now() - start).toBeGreaterThanOrEqual(2900);
    expect(Date.now() - start).toBeLessThan(6000);
  }, 10_000);
});
