import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../../../core/conversation/keyed-mutex.ts';

/** A promise the test resolves or rejects by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('KeyedMutex', () => {
  it('runs the tasks of one key one at a time, in arrival order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const runs = gates.map((gate, i) =>
      mutex.run('conv-1', async () => {
        log.push(`start ${i}`);
        await gate.promise;
        log.push(`end ${i}`);
        return i;
      }),
    );
    await tick();
    expect(log).toEqual(['start 0']);
    // finishing the later gates first changes nothing: task 1 waits for task 0
    gates[2]!.resolve();
    gates[1]!.resolve();
    await tick();
    expect(log).toEqual(['start 0']);
    gates[0]!.resolve();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('never runs two tasks of one key at the same time (many tasks with random delays)', async () => {
    const mutex = new KeyedMutex();
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        mutex.run('k', async () => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await new Promise((r) => setTimeout(r, (i * 7) % 5));
          order.push(i);
          running--;
        }),
      ),
    );
    expect(maxRunning).toBe(1);
    expect(order).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('keeps keys independent: a slow task on one key does not hold up another key', async () => {
    const mutex = new KeyedMutex();
    const slow = deferred();
    const log: string[] = [];
    const a = mutex.run('a', async () => {
      log.push('a start');
      await slow.promise;
      log.push('a end');
    });
    const b = mutex.run('b', async () => {
      log.push('b');
      return 'b done';
    });
    await expect(b).resolves.toBe('b done');
    expect(log).toEqual(['a start', 'b']);
    slow.resolve();
    await a;
    expect(log).toEqual(['a start', 'b', 'a end']);
  });

  it('a failing task rejects its own caller only; the next task of the key still runs', async () => {
    const mutex = new KeyedMutex();
    const gate = deferred();
    const failing = mutex.run('k', async () => {
      await gate.promise;
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => 'next ran');
    gate.resolve();
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next ran');
  });

  it.each<[string, () => Promise<never>]>([
    ['an async task that rejects', async () => Promise.reject(new Error('rejected'))],
    ['a task that throws before returning a promise', () => {
      throw new Error('thrown synchronously');
    }],
  ])('%s does not block the key', async (_name, task) => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('k', task)).rejects.toThrow();
    await expect(mutex.run('k', async () => 42)).resolves.toBe(42);
  });

  it('waits for a failing task to finish before the next one starts', async () => {
    const mutex = new KeyedMutex();
    const gate = deferred();
    const log: string[] = [];
    const failing = mutex.run('k', async () => {
      log.push('fail start');
      await gate.promise;
      log.push('fail end');
      throw new Error('late failure');
    });
    const next = mutex.run('k', async () => {
      log.push('next');
    });
    await tick();
    expect(log).toEqual(['fail start']);
    gate.resolve();
    await expect(failing).rejects.toThrow('late failure');
    await next;
    expect(log).toEqual(['fail start', 'fail end', 'next']);
  });

  it('forgets a key once its queue is empty, and a new task on it starts at once', async () => {
    const mutex = new KeyedMutex();
    await mutex.run('k', async () => undefined);
    await tick();
    expect((mutex as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
    const log: string[] = [];
    const run = mutex.run('k', async () => log.push('ran'));
    await tick();
    expect(log).toEqual(['ran']);
    await run;
  });
});
