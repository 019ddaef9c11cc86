// Draws Keyturn's icons as PNGs with Node alone (zlib + a tiny rasteriser), so no image tool
// or download is needed: `node resources/generate-icons.mjs`. The shape matches icon.svg.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The key in a 32-unit box: a ring at (11,16) r=7 and a shaft with two teeth (stroke 3). */
function isKey(u, v) {
  const ring = Math.abs(Math.hypot(u - 11, v - 16) - 7) <= 1.5;
  const shaft = u >= 17 && u <= 29.5 && Math.abs(v - 16) <= 1.5;
  const tooth1 = Math.abs(u - 25) <= 1.5 && v >= 16 && v <= 21.5;
  const tooth2 = Math.abs(u - 29) <= 1.5 && v >= 16 && v <= 20.5;
  return ring || shaft || tooth1 || tooth2;
}

function isRoundedSquare(u, v) {
  const r = 7;
  const dx = Math.max(r - u, 0, u - (32 - r));
  const dy = Math.max(r - v, 0, v - (32 - r));
  return Math.hypot(dx, dy) <= r;
}

/** 4×4 supersampling: the share of subpixels inside, per layer. */
function coverage(size, x, y, inside, padding = 0) {
  let hits = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const u = ((x + (i + 0.5) / 4) / size) * (32 + 2 * padding) - padding;
      const v = ((y + (j + 0.5) / 4) / size) * (32 + 2 * padding) - padding;
      if (inside(u, v)) hits++;
    }
  }
  return hits / 16;
}

function appIcon(size) {
  return png(size, (x, y) => {
    const bg = coverage(size, x, y, isRoundedSquare);
    const key = coverage(size, x, y, (u, v) => isKey((u - 16) * 1.3 + 16, (v - 16) * 1.3 + 16));
    const mix = (a, b) => Math.round(a * (1 - key) + b * key);
    return [mix(0x17, 0x6e), mix(0x1a, 0xa8), mix(0x21, 0xfe), Math.round(255 * bg)];
  });
}

/** macOS template image: black with alpha; the OS tints it for light and dark menu bars. */
function trayTemplateIcon(size) {
  return png(size, (x, y) => [0, 0, 0, Math.round(255 * coverage(size, x, y, isKey, 1))]);
}

/**
 * Windows and Linux show tray images as drawn: the app's light blue key inside a dark outline, so
 * it reads on dark panels (the key) and on light ones (the outline).
 */
function trayColourIcon(size) {
  const isOutline = (u, v) => {
    for (const [du, dv] of [
      [-1.5, 0],
      [1.5, 0],
      [0, -1.5],
      [0, 1.5],
      [-1, -1],
      [1, 1],
      [-1, 1],
      [1, -1],
    ]) {
      if (isKey(u + du, v + dv)) return true;
    }
    return false;
  };
  return png(size, (x, y) => {
    const key = coverage(size, x, y, isKey, 2);
    const outline = Math.max(key, coverage(size, x, y, isOutline, 2));
    const mix = (dark, light) =>
      Math.round(dark * (1 - key / Math.max(outline, 1e-9)) + light * (key / Math.max(outline, 1e-9)));
    return [mix(0x10, 0x8e), mix(0x14, 0xbf), mix(0x1c, 0xff), Math.round(255 * outline)];
  });
}

const dir = new URL('./', import.meta.url);
writeFileSync(new URL('icon.png', dir), appIcon(512));
writeFileSync(new URL('trayTemplate.png', dir), trayTemplateIcon(16));
writeFileSync(new URL('trayTemplate@2x.png', dir), trayTemplateIcon(32));
writeFileSync(new URL('tray.png', dir), trayColourIcon(16));
writeFileSync(new URL('tray@2x.png', dir), trayColourIcon(32));
console.log('wrote resources/icon.png, trayTemplate.png, trayTemplate@2x.png, tray.png, tray@2x.png');
