import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader } from '../../../src/main/app-link/frames';

const header = (length: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(length, 0);
  return bytes;
};

describe('app link frames', () => {
  it('reads back what was encoded, however the bytes are split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 17 }),
        (values, step) => {
          const bytes = Buffer.concat(values.map((value) => encodeFrame(value)));
          const reader = new FrameReader(1 << 20);
          const read: unknown[] = [];
          for (let at = 0; at < bytes.length; at += step) {
            for (const event of reader.push(bytes.subarray(at, at + step))) {
              expect(event.kind).toBe('frame');
              if (event.kind === 'frame') read.push(event.value);
            }
          }
          expect(read).toEqual(values.map((value) => JSON.parse(JSON.stringify(value)) as unknown));
          expect(reader.buffered).toBe(0);
        },
      ),
    );
  });

  it('refuses a frame over the limit as soon as its length is read, holding none of it', () => {
    const reader = new FrameReader(64);
    expect(reader.push(header(65))).toEqual([{ kind: 'too-large', declared: 65 }]);
    expect(reader.buffered).toBe(0);
    // Done: nothing after it is read, whatever it is.
    expect(reader.push(encodeFrame({ ok: true }))).toEqual([]);
  });

  it('refuses the largest length a header can say without allocating it', () => {
    expect(new FrameReader(64 * 1024).push(header(0xffffffff))).toEqual([{ kind: 'too-large', declared: 0xffffffff }]);
  });

  it('calls an empty frame and one that is not JSON malformed, after the good ones before it', () => {
    const good = encodeFrame({ a: 1 });
    expect(new FrameReader(64).push(Buffer.concat([good, header(0)]))).toEqual([
      { kind: 'frame', value: { a: 1 } },
      { kind: 'malformed' },
    ]);
    const notJson = Buffer.from('{"a":', 'utf8');
    expect(new FrameReader(64).push(Buffer.concat([header(notJson.length), notJson]))).toEqual([{ kind: 'malformed' }]);
  });

  it('waits for the rest of a frame that is still arriving', () => {
    const reader = new FrameReader(64);
    const bytes = encodeFrame({ hello: 'world' });
    expect(reader.push(bytes.subarray(0, 6))).toEqual([]);
    expect(reader.buffered).toBe(6);
    expect(reader.push(bytes.subarray(6))).toEqual([{ kind: 'frame', value: { hello: 'world' } }]);
  });
});
