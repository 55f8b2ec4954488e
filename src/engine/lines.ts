import { closeSync, openSync, readSync } from "node:fs";

/**
 * Reads a file of newline-terminated lines in fixed-size chunks (memory stays flat whatever
 * the file's size) and reports each complete line with its byte offset. Returns the offset just
 * after the last complete line: anything past it is a torn tail that a crash left behind.
 */
export function scanLines(path: string, onLine: (line: Buffer, offset: number) => void): number {
  const fd = openSync(path, "r");
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, position);
      if (n === 0) break;
      position += n;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (;;) {
        const nl = data.indexOf(10, start);
        if (nl < 0) break;
        onLine(data.subarray(start, nl), carryOffset + start);
        start = nl + 1;
      }
      carryOffset += start;
      carry = Buffer.from(data.subarray(start));
    }
    return carryOffset;
  } finally {
    closeSync(fd);
  }
}

/** Reads `length` bytes at `offset`. */
export function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, offset + got);
    if (n === 0) throw new Error(`unexpected end of file at byte ${offset + got}`);
    got += n;
  }
  return buf;
}
