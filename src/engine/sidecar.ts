import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { readAt } from "./lines.js";

/**
 * ticks.bin: the per-tick series of every finished job, appended as binary records while a
 * sweep runs, read back in job order when the tables are written. A record is a 16-byte header
 * (magic, slot, ticks, columns as uint32) and ticks × columns float64 values, tick-major.
 * A crash can leave a torn last record; opening the file truncates it.
 */
const MAGIC = 0x544f4345; // "ECOT"
const HEADER = 16;

export interface SidecarRecord {
  slot: number;
  ticks: number;
  cols: number;
  /** byte offset of the record's values */
  offset: number;
}

export class TicksSidecar {
  private readonly fd: number;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Opens (creating if needed) for appending, after dropping a torn tail. */
  static open(path: string): TicksSidecar {
    const fd = openSync(path, "a+");
    const valid = scanSidecar(fd, () => {});
    if (valid < fstatSync(fd).size) ftruncateSync(fd, valid);
    return new TicksSidecar(path, fd);
  }

  /** Appends one job's series (written, not yet synced: see sync/syncSync). */
  append(slot: number, ticks: number, cols: number, series: Float64Array): void {
    if (series.length !== ticks * cols) throw new Error("series length does not match ticks × columns");
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(slot, 4);
    header.writeUInt32LE(ticks, 8);
    header.writeUInt32LE(cols, 12);
    const body = Buffer.from(series.buffer, series.byteOffset, series.byteLength);
    writeAll(this.fd, Buffer.concat([header, body]));
  }

  /** Flushes every record written so far to disk, off the main thread. */
  sync(): Promise<void> {
    return new Promise((resolve, reject) => fdatasync(this.fd, (err) => (err ? reject(err) : resolve())));
  }

  syncSync(): void {
    fdatasyncSync(this.fd);
  }

  /** Calls `onRecord` for every complete record, in file order. */
  forEach(onRecord: (record: SidecarRecord) => void): void {
    scanSidecar(this.fd, onRecord);
  }

  /** Reads one record's values. */
  read(record: SidecarRecord): Float64Array {
    const bytes = readAt(this.fd, record.offset, record.ticks * record.cols * 8);
    const out = new Float64Array(record.ticks * record.cols);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done);
}

/** Walks the records; returns the byte length of the valid prefix. */
function scanSidecar(fd: number, onRecord: (record: SidecarRecord) => void): number {
  const size = fstatSync(fd).size;
  let pos = 0;
  while (pos + HEADER <= size) {
    const h = readAt(fd, pos, HEADER);
    if (h.readUInt32LE(0) !== MAGIC) break;
    const slot = h.readUInt32LE(4);
    const ticks = h.readUInt32LE(8);
    const cols = h.readUInt32LE(12);
    const end = pos + HEADER + ticks * cols * 8;
    if (end > size) break;
    onRecord({ slot, ticks, cols, offset: pos + HEADER });
    pos = end;
  }
  return pos;
}
