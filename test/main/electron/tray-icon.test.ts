/**
 * The tray icon each platform gets, checked on the PNGs resources/generate-icons.mjs drew: the
 * image Windows and Linux show as drawn must read on a dark panel and on a light one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconFor } from '../../../src/main/electron/tray';

type Rgba = readonly [number, number, number, number];

/** Decodes the generator's PNGs (8-bit RGBA, no interlace, filter 0 on every row). */
function readPng(path: string): Rgba[] {
  const bytes = readFileSync(path);
  let width = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    if (type === 'IHDR') width = bytes.readUInt32BE(at + 8);
    if (type === 'IDAT') data.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4 + 1;
  const pixels: Rgba[] = [];
  for (let row = 0; row * stride < raw.length; row++) {
    expect(raw[row * stride]).toBe(0);
    for (let x = 0; x < width; x++) {
      const at = row * stride + 1 + x * 4;
      pixels.push([raw[at] ?? 0, raw[at + 1] ?? 0, raw[at + 2] ?? 0, raw[at + 3] ?? 0]);
    }
  }
  return pixels;
}

/** WCAG relative luminance and contrast ratio. */
function luminance([r, g, b]: readonly number[]): number {
  const linear = (c: number): number => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r ?? 0) + 0.7152 * linear(g ?? 0) + 0.0722 * linear(b ?? 0);
}
function contrast(a: readonly number[], b: readonly number[]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const DARK_PANEL = [0x20, 0x20, 0x20];
const LIGHT_PANEL = [0xf0, 0xf0, 0xf0];
const resource = (file: string): string => join('resources', file);

describe('tray icon', () => {
  it('is a template image (a file named *Template.png) on macOS only', () => {
    expect(trayIconFor('darwin')).toBe('trayTemplate.png');
    for (const platform of ['linux', 'win32'] as const) expect(trayIconFor(platform)).not.toMatch(/Template/);
  });

  it('reads on dark and on light Windows and Linux panels (WCAG non-text contrast ≥ 3:1)', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const file = trayIconFor(platform);
      for (const variant of [file, file.replace('.png', '@2x.png')]) {
        const opaque = readPng(resource(variant)).filter(([, , , alpha]) => alpha >= 200);
        expect(opaque.length).toBeGreaterThan(0);
        const best = (panel: number[]): number => Math.max(...opaque.map((pixel) => contrast(pixel, panel)));
        expect(best(DARK_PANEL)).toBeGreaterThanOrEqual(3);
        expect(best(LIGHT_PANEL)).toBeGreaterThanOrEqual(3);
        console.log(
          `${variant}: contrast ${best(DARK_PANEL).toFixed(1)}:1 on dark, ${best(LIGHT_PANEL).toFixed(1)}:1 on light`,
        );
      }
    }
  });

  it("keeps macOS's template black, which is why it cannot be shown untinted elsewhere", () => {
    const pixels = readPng(resource(trayIconFor('darwin'))).filter(([, , , alpha]) => alpha > 0);
    expect(pixels.every(([r, g, b]) => r === 0 && g === 0 && b === 0)).toBe(true);
    expect(Math.max(...pixels.map((pixel) => contrast(pixel, DARK_PANEL)))).toBeLessThan(1.5);
  });
});
