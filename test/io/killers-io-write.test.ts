// writeAll against a stand-in for the file descriptor (fs.writeSync): how it slices a text, what it does with a short
// write, a full pipe (EAGAIN) and a broken one, and that no slice ends in half a surrogate pair. Written for the
// mutants of src/io/write-all.ts that a real file, which takes every write whole, cannot tell apart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fs = vi.hoisted(() => ({ writeSync: vi.fn() }));
vi.mock('node:fs', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:fs')>()), writeSync: fs.writeSync }));

const { writeAll } = await import('../../src/io/write-all.js');

const SLICE = 1 << 18;

/** A descriptor that takes at most `most` bytes a call, as a pipe may, and refuses reads outside the buffer. */
function sink(most = Infinity): { bytes: () => string; lengths: number[] } {
  const chunks: Buffer[] = [];
  const lengths: number[] = [];
  fs.writeSync.mockImplementation((_fd: number, buffer: Buffer, offset: number, length: number) => {
    lengths.push(length);
    if (offset + length > buffer.length) throw new RangeError('out of range');
    const n = Math.min(length, most);
    chunks.push(Buffer.from(buffer.subarray(offset, offset + n)));
    return n;
  });
  return { bytes: () => Buffer.concat(chunks).toString('utf8'), lengths };
}

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

describe('writeAll', () => {
  beforeEach(() => {
    fs.writeSync.mockReset();
  });
  afterEach(() => vi.restoreAllMocks());

  it('writes a short text in one call, from a buffer no larger than the text needs', () => {
    const alloc = vi.spyOn(Buffer, 'allocUnsafe');
    const out = sink();
    writeAll(1, 'abc');
    expect(out.bytes()).toBe('abc');
    expect(out.lengths).toEqual([3]);
    expect(alloc).toHaveBeenCalledWith(9);
  });

  it('writes a long text in slices of 2^18 characters through one buffer of three bytes per character of a slice', () => {
    const alloc = vi.spyOn(Buffer, 'allocUnsafe');
    const out = sink();
    const text = 'a'.repeat(2 * SLICE + 5);
    writeAll(1, text);
    expect(out.bytes()).toBe(text);
    expect(out.lengths).toEqual([SLICE, SLICE, 5]);
    expect(alloc).toHaveBeenCalledWith(3 * SLICE);
  });

  it('continues a short write from where it stopped, asking only for the rest', () => {
    const out = sink(4);
    writeAll(1, 'abcdefghij');
    expect(out.bytes()).toBe('abcdefghij');
    expect(out.lengths).toEqual([10, 6, 2]);
  });

  it('waits and retries when the pipe is full (EAGAIN)', () => {
    const out = sink();
    const write = fs.writeSync.getMockImplementation()!;
    fs.writeSync.mockImplementationOnce(() => {
      throw errno('EAGAIN');
    });
    fs.writeSync.mockImplementation(write);
    writeAll(1, 'abc');
    expect(out.bytes()).toBe('abc');
    expect(fs.writeSync).toHaveBeenCalledTimes(2);
  });

  it('gives up on any other error (EPIPE), writing nothing more', () => {
    sink();
    fs.writeSync.mockImplementationOnce(() => {
      throw errno('EPIPE');
    });
    expect(() => writeAll(1, 'abc')).toThrow(expect.objectContaining({ code: 'EPIPE' }));
    expect(fs.writeSync).toHaveBeenCalledTimes(1);
  });

  it('writes a lone high surrogate at the very end as U+FFFD, and ends', () => {
    const write = Buffer.prototype.write as (this: Buffer, ...args: unknown[]) => number;
    let slices = 0;
    // A writer that kept moving its cut back before the last unit would never end: stop it after a few slices.
    vi.spyOn(Buffer.prototype, 'write').mockImplementation(function (this: Buffer, ...args: unknown[]) {
      if (++slices > 10) throw new Error('writeAll does not end');
      return write.apply(this, args);
    });
    const out = sink();
    writeAll(1, 'ab\ud800');
    expect(out.bytes()).toBe('ab\ufffd');
    expect(out.lengths).toEqual([5]);
  });

  // A pair cut at the end of a slice would be written as two U+FFFD. The cut moves back one unit only before a high
  // surrogate (U+D800 to U+DBFF), so the next slice starts with the whole pair.
  it.each([
    ['U+10000 (high surrogate D800) across the boundary', `${'a'.repeat(SLICE - 1)}\u{10000}b`, [SLICE - 1, 5]],
    ['U+10FFFF (high surrogate DBFF) across the boundary', `${'a'.repeat(SLICE - 1)}\u{10FFFF}b`, [SLICE - 1, 5]],
    ['a pair that ends the slice (its low surrogate last)', `${'a'.repeat(SLICE - 2)}\u{1F600}b`, [SLICE + 2, 1]],
    ['U+E000 (above the surrogates) at the boundary', `${'a'.repeat(SLICE - 1)}\u{E000}b`, [SLICE + 2, 1]],
    ['three-byte characters up to the boundary, then a pair', `${'€'.repeat(SLICE - 1)}\u{1F600}€`, [3 * (SLICE - 1), 7]],
  ])('never splits a surrogate pair: %s', (_, text, lengths) => {
    const out = sink();
    writeAll(1, text);
    expect(out.bytes()).toBe(text);
    expect(out.lengths).toEqual(lengths);
  });
});
