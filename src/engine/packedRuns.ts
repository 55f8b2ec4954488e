import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join, relative } from "node:path";
import { crc32 } from "node:zlib";
import { StagedDir } from "./atomicDir.js";
import { type PlanFile, PlanFolder, type PlanKeys, type ResumableDirSpec } from "./resumable.js";

/**
 * The finished runs of a resumable folder whose runs' outputs are whole packed buffers (compare's
 * runs with their firm columns, validate's runs with their stylized facts), as a sweep's
 * ResultStore keeps summaries and series:
 *   <plan file>   what the folder holds and how far it got (resumable.ts)
 *   runs.bin      each finished run's packed outputs, one checksummed record per run, appended
 *                 and synced as each run finishes: what --resume reads back
 *   runs.jsonl    one line per finished run (what the caller makes of it), appended as runs
 *                 finish, rewritten in the caller's order at the end
 * A run is named by two numbers (group, index): compare's (scenario, replication), validate's
 * (job, 0). finish() writes the folder whole: runs.bin and runs.jsonl in order, the caller's
 * final files and the plan marked complete go into a hidden sibling that replaces the folder.
 */

export const RUNS_BIN = "runs.bin";
export const RUNS_JSONL = "runs.jsonl";

/** One finished run as the store keeps it. */
export interface PackedRun {
  group: number;
  index: number;
  buffer: Float64Array;
}

/** What opening a folder for --resume found. */
export interface PackedRecovery {
  /** runs read back */
  runs: number;
  /** bytes of a torn or corrupt tail cut off runs.bin */
  tornBytes: number;
  /** records dropped (unreadable or duplicate): those runs are done again */
  dropped: number;
}

/**
 * runs.bin record: a 24-byte header (magic, group, index, number of float64 values, CRC-32 of
 * the values, 0 as uint32 little-endian), then the values.
 */
const MAGIC = 0x434f4345; // "ECOC"
const HEADER = 24;

export class PackedRunStore<P extends PlanFile> {
  private binFd: number;
  private jsonFd = -1;
  /** Where each run's record lies in runs.bin, by "group:index". */
  private readonly index = new Map<string, { offset: number; values: number }>();
  private size = 0;

  private constructor(
    private readonly folder: PlanFolder<P>,
    binFd: number,
  ) {
    this.binFd = binFd;
  }

  /**
   * Opens `dir` for the plan (checkResumableDir first, so a refused folder is left as it was):
   * creates it, or reads back its finished runs for --resume, cutting a torn tail off runs.bin
   * and rewriting runs.jsonl from it. `accept` receives every run read back and returns its
   * runs.jsonl line, or null to drop it (a record that does not decode, or belongs to no run of
   * this plan: the run is done again). A duplicate record is dropped.
   */
  static open<P extends PlanFile>(options: {
    dir: string;
    spec: ResumableDirSpec<P>;
    plan: Omit<P, PlanKeys>;
    accept: (run: PackedRun) => string | null;
  }): { store: PackedRunStore<P>; recovery: PackedRecovery } {
    const { dir } = options;
    const folder = PlanFolder.open(dir, options.spec, options.plan);
    const binPath = join(dir, RUNS_BIN);
    if (folder.state !== "resume") rmSync(binPath, { force: true });
    const fd = openSync(binPath, "a+");
    const store = new PackedRunStore(folder, fd);
    const recovery: PackedRecovery = { runs: 0, tornBytes: 0, dropped: 0 };
    const lines: string[] = [];
    const valid = store.scan((run, offset) => {
      const key = `${run.group}:${run.index}`;
      const line = store.index.has(key) ? null : options.accept(run);
      if (line === null) {
        recovery.dropped++;
        return;
      }
      store.index.set(key, { offset, values: run.buffer.length });
      lines.push(line);
      recovery.runs++;
    });
    const size = fstatSync(fd).size;
    if (valid < size) {
      ftruncateSync(fd, valid);
      fdatasyncSync(fd);
      recovery.tornBytes = size - valid;
    }
    store.size = valid;
    writeFileSync(join(dir, RUNS_JSONL), lines.map((l) => `${l}\n`).join(""));
    store.jsonFd = openSync(join(dir, RUNS_JSONL), "a");
    return { store, recovery };
  }

  get dir(): string {
    return this.folder.dir;
  }

  /** What open() did with the folder: fresh, resume or replace. */
  get state(): PlanFolder<P>["state"] {
    return this.folder.state;
  }

  get plan(): P {
    return this.folder.plan;
  }

  /** Calls `onRecord` for each valid record in file order; returns the end of the last one. */
  private scan(onRecord: (run: PackedRun, offset: number) => void): number {
    const size = fstatSync(this.binFd).size;
    const header = Buffer.alloc(HEADER);
    let pos = 0;
    while (pos + HEADER <= size) {
      if (readSync(this.binFd, header, 0, HEADER, pos) < HEADER) break;
      if (header.readUInt32LE(0) !== MAGIC) break;
      const values = header.readUInt32LE(12);
      const bytes = values * 8;
      if (pos + HEADER + bytes > size) break;
      const body = Buffer.alloc(bytes);
      if (bytes > 0 && readSync(this.binFd, body, 0, bytes, pos + HEADER) < bytes) break;
      if (crc32(body) !== header.readUInt32LE(16)) break;
      const buffer = new Float64Array(body.buffer, body.byteOffset, values);
      onRecord({ group: header.readUInt32LE(4), index: header.readUInt32LE(8), buffer }, pos);
      pos += HEADER + bytes;
    }
    return pos;
  }

  has(group: number, index: number): boolean {
    return this.index.has(`${group}:${index}`);
  }

  /**
   * Records one finished run: its outputs go to runs.bin and are synced before this returns (so
   * a later --resume finds them), its line to runs.jsonl.
   */
  append(run: PackedRun, line: string): void {
    if (this.binFd < 0) throw new Error(`the store of ${this.dir} is closed`);
    const body = Buffer.from(run.buffer.buffer, run.buffer.byteOffset, run.buffer.byteLength);
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(run.group, 4);
    header.writeUInt32LE(run.index, 8);
    header.writeUInt32LE(run.buffer.length, 12);
    header.writeUInt32LE(crc32(body), 16);
    writeAll(this.binFd, Buffer.concat([header, body]));
    fdatasyncSync(this.binFd);
    this.index.set(`${run.group}:${run.index}`, { offset: this.size, values: run.buffer.length });
    this.size += HEADER + body.length;
    writeAll(this.jsonFd, Buffer.from(`${line}\n`));
  }

  /** Changes the plan file (e.g. the replications a comparison now asks for). */
  updatePlan(change: Partial<P>): void {
    this.folder.update(change);
  }

  /**
   * Writes the finished folder whole: a hidden sibling gets runs.bin and runs.jsonl with the
   * runs `order` lists (in that order), whatever `write` puts there and the plan marked
   * complete; then it replaces the folder. Returns the paths written (in the folder), or null
   * when `aborted()` turned true before the swap (the folder is then as it was).
   */
  async finish(
    order: readonly { group: number; index: number; line: string }[],
    write: (tmp: string) => Promise<string[]>,
    aborted: () => boolean,
  ): Promise<string[] | null> {
    const staged = new StagedDir(this.dir);
    const tmp = staged.dir;
    try {
      // runs.bin in the caller's order, so the folder is the same whatever the workers did
      const out = openSync(join(tmp, RUNS_BIN), "w");
      try {
        for (const { group, index } of order) {
          const at = this.index.get(`${group}:${index}`);
          if (!at) throw new Error(`run ${group}:${index} is not in ${RUNS_BIN}`);
          const bytes = HEADER + at.values * 8;
          const buf = Buffer.alloc(bytes);
          if (readSync(this.binFd, buf, 0, bytes, at.offset) < bytes) throw new Error(`${RUNS_BIN} is short`);
          writeAll(out, buf);
        }
        fdatasyncSync(out);
      } finally {
        closeSync(out);
      }
      writeFileSync(join(tmp, RUNS_JSONL), order.map((o) => `${o.line}\n`).join(""));
      const written = await write(tmp);
      if (aborted()) {
        staged.discard();
        return null;
      }
      this.folder.update({ status: "complete" } as Partial<P>, tmp);
      this.closeFiles();
      staged.commit();
      const inDir = (p: string) => join(this.dir, relative(tmp, p));
      return [this.folder.spec.planFile, RUNS_BIN, RUNS_JSONL]
        .map((f) => join(this.dir, f))
        .concat(written.map(inDir));
    } catch (err) {
      staged.discard();
      throw err;
    }
  }

  /** Closes the files, marking the plan (e.g. "interrupted"); safe to call twice. */
  close(status: "interrupted" | null = null): void {
    if (status && this.binFd >= 0) {
      try {
        this.folder.update({ status } as Partial<P>);
      } catch {
        // the folder is gone (removed under the command): nothing to mark
      }
    }
    this.closeFiles();
  }

  private closeFiles(): void {
    if (this.binFd >= 0) {
      closeSync(this.binFd);
      this.binFd = -1;
    }
    if (this.jsonFd >= 0) {
      closeSync(this.jsonFd);
      this.jsonFd = -1;
    }
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done);
}
