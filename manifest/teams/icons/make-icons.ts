/**
 * Draws the Teams icons (a white chain link) and writes them next to manifest.json.
 * Run: npx tsx manifest/teams/icons/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.ts';

export const TEAL = [0x0f, 0x6e, 0x7a] as const;

// Two stadium-shaped rings along the diagonal, in "shape units".
const LINK = { offset: 0.28, halfLength: 0.2, radius: 0.22, gap: 0.05 };
const SYMBOL_HALF_EXTENT = 0.63; // measured for stroke 0.14: outermost x/y of the symbol

function ringDistance(s: number, t: number, centre: number, stroke: number): number {
  const ds = Math.max(Math.abs(s - centre) - LINK.halfLength, 0);
  return Math.abs(Math.hypot(ds, t) - LINK.radius) - stroke / 2;
}

/** True when shape point (x, y) (y up) lies on the chain link. */
function onLink(x: number, y: number, stroke: number): boolean {
  const s = (x + y) / Math.SQRT2;
  const t = (y - x) / Math.SQRT2;
  const dA = ringDistance(s, t, -LINK.offset, stroke);
  const dB = ringDistance(s, t, LINK.offset, stroke);
  // Interlock: at the upper crossing A passes over B, at the lower one B over A.
  const inA = dA < 0 && !(t < 0 && dB < LINK.gap);
  const inB = dB < 0 && !(t > 0 && dA < LINK.gap);
  return inA || inB;
}

/** Per-pixel coverage (0..1) of the link, 4×4 supersampled; `halfExtent` is the symbol's half size in icon units (icon spans -1..1). */
function coverage(size: number, halfExtent: number, stroke: number): Float64Array {
  const scale = SYMBOL_HALF_EXTENT / halfExtent;
  const out = new Float64Array(size * size);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((px + (sx + 0.5) / n) / size) * 2 - 1;
          const y = 1 - ((py + (sy + 0.5) / n) / size) * 2;
          if (onLink(x * scale, y * scale, stroke)) hits++;
        }
      }
      out[py * size + px] = hits / (n * n);
    }
  }
  return out;
}

/** 192×192: teal background, white link inside the central 96×96 (Teams crops the rest). */
export function drawColorIcon(): Uint8Array {
  const size = 192;
  const cov = coverage(size, 0.5, 0.14);
  const rgba = new Uint8Array(size * size * 4);
  cov.forEach((a, i) => {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = Math.round(TEAL[c]! * (1 - a) + 255 * a);
    rgba[i * 4 + 3] = 255;
  });
  return rgba;
}

/** 32×32: white link on a transparent background; colour stays white, only alpha varies. */
export function drawOutlineIcon(): Uint8Array {
  const size = 32;
  const cov = coverage(size, 0.9, 0.14);
  const rgba = new Uint8Array(size * size * 4);
  cov.forEach((a, i) => {
    rgba.fill(255, i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = Math.round(255 * a);
  });
  return rgba;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const target = (name: string) => fileURLToPath(new URL(`../${name}`, import.meta.url));
  writeFileSync(target('color.png'), encodePng(192, 192, drawColorIcon()));
  writeFileSync(target('outline.png'), encodePng(32, 32, drawOutlineIcon()));
  console.log(`Wrote ${target('color.png')} and ${target('outline.png')}`);
}
