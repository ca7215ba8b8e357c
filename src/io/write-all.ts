// Writing the function's output: synchronous, complete, and without process.stdout.
import { writeSync } from 'node:fs';

/**
 * Writes all of `text` to a file descriptor, synchronously. process.stdout would do the same on a pipe, but
 * creating it loads Node's stream, net and tty modules: a few milliseconds of every run. The text is encoded
 * a slice at a time, so a large output is not held twice (string and bytes). An inherited non-blocking pipe
 * answers EAGAIN when full; wait for the reader instead of failing.
 */
export function writeAll(fd: number, text: string): void {
  const buffer = Buffer.allocUnsafe(Math.min(text.length, WRITE_CHUNK) * 3);
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + WRITE_CHUNK, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--; // never split a surrogate pair
    const length = buffer.write(text.slice(start, end), 'utf8');
    for (let offset = 0; offset < length;) {
      try {
        offset += writeSync(fd, buffer, offset, length - offset);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // sleep 1 ms
      }
    }
    start = end;
  }
}

/** Characters per slice; the buffer holds three bytes for each, the most UTF-8 needs for one UTF-16 unit. */
const WRITE_CHUNK = 1 << 18;
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
