import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePng } from './binary-readers.ts';

const icon = (name: string) => decodePng(readFileSync(new URL(`../../manifest/teams/${name}`, import.meta.url)));

describe('Teams icons', () => {
  it('color.png is a 192×192 opaque full-colour icon', () => {
    const { width, height, rgba } = icon('color.png');
    expect([width, height]).toEqual([192, 192]);
    expect(rgba.filter((_, i) => i % 4 === 3).every((alpha) => alpha === 255)).toBe(true);
  });

  it('outline.png is 32×32 and only white on transparent', () => {
    const { width, height, rgba } = icon('outline.png');
    expect([width, height]).toEqual([32, 32]);
    const offenders: number[] = [];
    let visible = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b, a] = rgba.subarray(i, i + 4);
      if (a === 0) continue;
      visible++;
      if (r !== 255 || g !== 255 || b !== 255) offenders.push(i / 4);
    }
    expect(offenders).toEqual([]);
    expect(visible).toBeGreaterThan(32); // there is actually a shape
  });
});
