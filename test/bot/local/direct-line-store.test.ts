import { describe, expect, it } from 'vitest';
import { DirectLineStore } from '../../../bot/local/direct-line-store.ts';

/**
 * The local web chat keeps its conversations in memory, so what one page (or a script posing as
 * one) can make it hold is bounded: per conversation, in all, and for uploaded files.
 */
const MB = 1024 * 1024;
const big = (mb: number) => ({ type: 'message', value: 'x'.repeat(mb * MB - 200) });

describe('DirectLineStore memory bounds', () => {
  it('a conversation takes at most about 4 MB: then "full, start a new one", and what it holds stays readable', () => {
    const store = new DirectLineStore();
    const conversation = store.create('u1', 'nl-NL');
    for (let i = 0; i < 4; i++) store.append(conversation, big(1));
    expect(() => store.append(conversation, big(1))).toThrow(/full/);
    expect(store.since(conversation, 0).activities).toHaveLength(4);
  });

  it('all conversations together hold at most about 64 MB: the least recently used are forgotten first', () => {
    const store = new DirectLineStore();
    const conversations = Array.from({ length: 24 }, (_, i) => store.create(`u${i}`, 'nl-NL'));
    for (const conversation of conversations) for (let i = 0; i < 3; i++) store.append(conversation, big(1));
    const kept = conversations.filter((c) => store.get(c.id) !== undefined);
    expect(kept.length).toBeLessThanOrEqual(21);
    expect(store.get(conversations.at(-1)!.id)).toBeDefined();
    expect(store.get(conversations[0]!.id)).toBeUndefined();
  });

  it('uploaded files are kept up to 32 MB in all, the newest first', () => {
    const store = new DirectLineStore();
    const ids = Array.from({ length: 40 }, () => store.addFile({ name: 'f.json', contentType: 'application/json', data: Buffer.alloc(MB) }));
    expect(ids.filter((id) => store.file(id)).length).toBeLessThanOrEqual(32);
    expect(store.file(ids.at(-1)!)).toBeDefined();
    expect(store.file(ids[0]!)).toBeUndefined();
  });
});
