import {
  closeSync,
  existsSync,
  fdatasync,
  fdatasyncSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { JobSpec } from "../scenario/jobs.js";
import { SERIES_COLUMNS } from "./columns.js";
import { readAt, scanLines } from "./lines.js";
import { makeDirs } from "./makeDirs.js";
import { hostInfo, type Manifest, planHash, readManifest, versions, writeJsonAtomic } from "./manifest.js";
import { TicksSidecar } from "./sidecar.js";
import { type PointColumn, type TableSource, type TickRows, writeTables } from "./tables.js";
import type { JobOutput, RunRecord, SweepPlan } from "./types.js";

/**
 * The results directory of a sweep:
 *   manifest.json   what was run (rewritten atomically; status running → interrupted/complete)
 *   runs.jsonl      one line per finished job, appended as jobs finish; the record `--resume`
 *                   reads. Deterministic: no timings, hosts or dates. Group commit: a job's
 *                   series are written to the sidecar at once; its line follows once the sidecar
 *                   is synced, and is synced in turn (fdatasync off the main thread), so a line on
 *                   disk always has its series on disk, and workers never wait for the disk.
 *   ticks.bin       per-tick series of finished jobs (binary sidecar, removed on completion)
 *   timings.jsonl   wall time of each attempt (not deterministic, not needed for resume)
 *   runs.csv, runs.parquet, ticks.parquet   written on completion, in job order
 * Opening checks that the directory belongs to the same plan and recovers from a crash: a torn
 * last line of runs.jsonl or record of ticks.bin is cut off, and failed jobs are dropped so that
 * they run again.
 */

/** A results directory that cannot be used as asked: the user must change a flag. */
export class StoreError extends Error {
  readonly exitCode = 2;
}

export interface StoreDescription {
  scenario: unknown;
  design: unknown;
  seeds: unknown;
  extra?: Record<string, unknown>;
}

export interface OpenStoreOptions {
  dir: string;
  plan: SweepPlan;
  /** Continue the sweep already in `dir` (skip its finished jobs). */
  resume: boolean;
  describe: StoreDescription;
}

/** Whether the seeds of a manifest use common random numbers across points (absent: they do not). */
function crnOf(seeds: unknown): boolean {
  return (seeds as { commonRandomNumbers?: unknown } | null)?.commonRandomNumbers === true;
}

/**
 * How the seeding of a directory differs from the plan's, in words (undefined: it does not). A
 * directory made before the `commonRandomNumbers` key has per-point seeds and no such key.
 */
function seedingChange(before: unknown, now: unknown): string | undefined {
  if (crnOf(before) === crnOf(now)) return undefined;
  return crnOf(before)
    ? "run with common random numbers across points (every point on the seeds crnSeed(base, r)), " +
        "and this scenario sets commonRandomNumbers: false (its own seeds per point); the two are never " +
        "mixed: remove commonRandomNumbers: false to resume it"
    : "seeded point by point (deriveSeed(scenario hash, p, r): commonRandomNumbers: false, or a " +
        "sweep made before common random numbers across points), and this scenario runs every point " +
        "on common random numbers; the two are never mixed: add commonRandomNumbers: false to the " +
        "scenario to resume it with its own seeds";
}

/** What opening an existing directory found and repaired. */
export interface Recovery {
  /** jobs already finished successfully (skipped by the sweep) */
  done: number;
  /** failed jobs from before, dropped so they run again */
  failedDropped: number;
  /** bytes of a torn last line cut off runs.jsonl */
  tornBytes: number;
  /** complete lines that could not be read, dropped */
  unreadableLines: number;
}

const RUNS = "runs.jsonl";
const SIDECAR = "ticks.bin";
const TIMINGS = "timings.jsonl";

export class ResultStore {
  private runsFd: number;
  private timingsFd: number;
  private sidecar: TicksSidecar | null;
  private readonly done: Uint8Array;
  private manifest: Manifest;
  /** runs.jsonl lines whose series are written but not yet synced, oldest first */
  private pending: Buffer[] = [];
  private commit: Promise<void> | null = null;
  private commitError: unknown = null;

  private constructor(
    readonly dir: string,
    private readonly plan: SweepPlan,
    manifest: Manifest,
    done: Uint8Array,
    readonly recovery: Recovery,
  ) {
    this.manifest = manifest;
    this.done = done;
    // A directory that is complete already is only read: nothing is opened for writing.
    this.runsFd = manifest.status === "complete" ? -1 : openSync(join(dir, RUNS), "a");
    this.timingsFd = manifest.status === "complete" ? -1 : openSync(join(dir, TIMINGS), "a");
    this.sidecar = manifest.status === "complete" ? null : TicksSidecar.open(join(dir, SIDECAR));
  }

  /** Opens `dir` for the plan: creates it, or checks and recovers it for --resume. */
  static open(options: OpenStoreOptions): ResultStore {
    const { dir, plan, resume } = options;
    const hash = planHash(plan);
    const slots = plan.points * plan.replications;
    const done = new Uint8Array(slots);
    let recovery: Recovery = { done: 0, failedDropped: 0, tornBytes: 0, unreadableLines: 0 };
    let previous: Manifest | null = null;
    if (existsSync(dir)) {
      previous = readManifest(dir);
      if (previous === null) {
        if (readdirSync(dir).length > 0) {
          throw new StoreError(`${dir} exists and is not an ecosim results directory; choose another --out`);
        }
      } else {
        if (previous.planHash !== hash || previous.scenarioHash !== plan.scenarioHash) {
          const seeding = seedingChange(previous.seeds, options.describe.seeds);
          if (previous.scenarioHash === plan.scenarioHash && seeding) {
            throw new StoreError(`${dir} holds a sweep of this scenario ${seeding}, or choose another --out`);
          }
          throw new StoreError(
            `${dir} holds the results of another scenario or design (scenario hash ${previous.scenarioHash}, ` +
              `this one ${plan.scenarioHash}); results of different scenarios are never mixed: choose another --out`,
          );
        }
        if (!resume) {
          throw new StoreError(
            previous.status === "complete"
              ? `${dir} already holds a completed sweep of this scenario; add --resume to reuse it, or choose another --out`
              : `${dir} holds an unfinished sweep of this scenario; add --resume to continue it, or choose another --out`,
          );
        }
        recovery = recoverRuns(dir, plan, done);
      }
    } else {
      makeDirs(dir);
    }
    const now = new Date().toISOString();
    const manifest: Manifest = {
      format: "ecosim-results/1",
      kind: "sweep",
      status: previous?.status === "complete" && recovery.done === plan.count ? "complete" : "running",
      scenarioHash: plan.scenarioHash,
      planHash: hash,
      scenario: options.describe.scenario,
      design: options.describe.design,
      seeds: options.describe.seeds,
      plan: { count: plan.count, points: plan.points, replications: plan.replications },
      versions: versions(),
      host: hostInfo(),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      ...(options.describe.extra ? { extra: options.describe.extra } : {}),
    };
    writeJsonAtomic(join(dir, "manifest.json"), manifest);
    return new ResultStore(dir, plan, manifest, done, recovery);
  }

  /** Whether the plan's job already finished successfully in this directory. */
  isDone(job: JobSpec): boolean {
    return this.done[slotOf(this.plan, job)] === 1;
  }

  get complete(): boolean {
    return this.manifest.status === "complete";
  }

  /**
   * Records one finished job: its series go to the sidecar now, its line to runs.jsonl as soon
   * as the sidecar is synced (see the class comment). `flush()` waits until every line is on disk.
   */
  append(record: RunRecord, output: JobOutput | null): void {
    if (this.runsFd < 0 || !this.sidecar) throw new Error("the result store is closed");
    if (this.commitError) throw this.commitError;
    const job = { pointIndex: record.pointIndex, replication: record.replication };
    const slot = slotOf(this.plan, job);
    if (record.status === "ok" && output) {
      this.sidecar.append(slot, output.ticks, SERIES_COLUMNS.length, output.series);
    }
    this.pending.push(Buffer.from(`${JSON.stringify(record)}\n`));
    if (record.status === "ok") this.done[slot] = 1;
    if (!this.commit) this.commit = this.commitLoop();
  }

  /** Resolves when every appended line is written and synced; rejects on an I/O error. */
  async flush(): Promise<void> {
    while (this.commit) await this.commit;
    if (this.commitError) throw this.commitError;
  }

  private async commitLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const sidecar = this.sidecar;
        if (!sidecar || this.runsFd < 0) return;
        const n = this.pending.length;
        await sidecar.sync();
        // close() may have run meanwhile: it wrote every pending line itself.
        if (this.runsFd < 0) return;
        const batch = Buffer.concat(this.pending.slice(0, n));
        this.pending.splice(0, n);
        writeAll(this.runsFd, batch);
        const fd = this.runsFd;
        await new Promise<void>((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
      }
    } catch (err) {
      if (this.runsFd >= 0) this.commitError = err;
    } finally {
      this.commit = null;
    }
  }

  /** Writes and syncs every pending line now (for close()). */
  private commitNow(): void {
    if (this.pending.length === 0 || this.runsFd < 0 || !this.sidecar) return;
    this.sidecar.syncSync();
    writeAll(this.runsFd, Buffer.concat(this.pending));
    this.pending = [];
    fdatasyncSync(this.runsFd);
  }

  /** Notes an attempt's wall time in timings.jsonl (not flushed, not deterministic). */
  noteTiming(id: string, attempt: number, ms: number, outcome: string): void {
    writeSync(this.timingsFd, `${JSON.stringify({ id, attempt, ms: Math.round(ms * 10) / 10, outcome })}\n`);
  }

  /**
   * Writes runs.csv, runs.parquet and ticks.parquet in job order, rewrites runs.jsonl sorted,
   * removes the sidecar and marks the manifest complete.
   */
  async finalize(pointColumns: readonly PointColumn[]): Promise<string[]> {
    await this.flush();
    if (this.runsFd < 0 || !this.sidecar) throw new Error("the result store is closed");
    closeSync(this.runsFd);
    this.runsFd = -1;
    const slots = this.plan.points * this.plan.replications;
    const runOffset = new Float64Array(slots).fill(-1);
    const runLength = new Int32Array(slots);
    const runsPath = join(this.dir, RUNS);
    scanLines(runsPath, (line, offset) => {
      const r = parseRecord(line);
      if (!r) return;
      const slot = slotOf(this.plan, r);
      runOffset[slot] = offset;
      runLength[slot] = line.length;
    });
    const tickOffset = new Float64Array(slots).fill(-1);
    const tickCount = new Int32Array(slots);
    const cols = SERIES_COLUMNS.length;
    this.sidecar.forEach((rec) => {
      if (rec.cols !== cols || rec.slot >= slots) return;
      tickOffset[rec.slot] = rec.offset;
      tickCount[rec.slot] = rec.ticks;
    });
    const fd = openSync(runsPath, "r");
    const sortedTmp = join(this.dir, `.${RUNS}.sorted`);
    const sorted = openSync(sortedTmp, "w");
    const readRun = (slot: number): { line: Buffer; record: RunRecord } | null => {
      if (runOffset[slot] < 0) return null;
      const line = readAt(fd, runOffset[slot], runLength[slot]);
      return { line, record: JSON.parse(line.toString("utf8")) as RunRecord };
    };
    const sidecar = this.sidecar;
    const source: TableSource = {
      pointColumns,
      *runs() {
        for (let s = 0; s < slots; s++) {
          const r = readRun(s);
          if (!r) continue;
          if (r.record.status === "ok") ok++;
          writeSync(sorted, r.line);
          writeSync(sorted, "\n");
          yield r.record;
        }
      },
      *ticks(): Iterable<TickRows> {
        for (let s = 0; s < slots; s++) {
          if (tickOffset[s] < 0) continue;
          const r = readRun(s);
          if (r?.record.status !== "ok") continue;
          const series = sidecar.read({ slot: s, ticks: tickCount[s], cols, offset: tickOffset[s] });
          yield {
            id: r.record.id,
            pointIndex: r.record.pointIndex,
            replication: r.record.replication,
            ticks: tickCount[s],
            series,
          };
        }
      },
    };
    let files: string[];
    let ok = 0;
    try {
      files = await writeTables(this.dir, source);
      fsyncSync(sorted);
    } finally {
      closeSync(sorted);
      closeSync(fd);
    }
    renameSync(sortedTmp, runsPath);
    sidecar.close();
    this.sidecar = null;
    // Keep the raw series while some job failed: a later --resume reruns it and rewrites the tables.
    if (ok === this.plan.count) rmSync(join(this.dir, SIDECAR), { force: true });
    this.setStatus("complete");
    return [RUNS, ...files];
  }

  /**
   * Writes what is pending, marks the manifest (e.g. "interrupted") and closes the files; safe
   * to call twice. Prefer `await flush()` first: close() then has nothing left to do synchronously.
   */
  close(status: "interrupted" | "complete" | null = null): void {
    this.commitNow();
    if (status && this.manifest.status !== "complete") this.setStatus(status);
    if (this.runsFd >= 0) {
      closeSync(this.runsFd);
      this.runsFd = -1;
    }
    this.sidecar?.close();
    this.sidecar = null;
    if (this.timingsFd >= 0) {
      closeSync(this.timingsFd);
      this.timingsFd = -1;
    }
  }

  private setStatus(status: Manifest["status"]): void {
    this.manifest = { ...this.manifest, status, updatedAt: new Date().toISOString() };
    writeJsonAtomic(join(this.dir, "manifest.json"), this.manifest);
  }
}

/** Where a job sits in slot order (point-major, then replication): the sorted job order. */
export function slotOf(
  plan: Pick<SweepPlan, "replications">,
  job: { pointIndex: number; replication: number },
) {
  return job.pointIndex * plan.replications + job.replication;
}

function writeAll(fd: number, buf: Buffer): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done);
}

function parseRecord(line: Buffer): RunRecord | null {
  try {
    const r = JSON.parse(line.toString("utf8")) as RunRecord;
    if (typeof r?.id !== "string" || !Number.isInteger(r.pointIndex) || !Number.isInteger(r.replication))
      return null;
    return r;
  } catch {
    return null;
  }
}

/**
 * Reads runs.jsonl of an interrupted sweep, marks its successful jobs done, and rewrites it
 * without a torn tail, unreadable lines, failed jobs (they run again) or duplicates.
 */
function recoverRuns(dir: string, plan: SweepPlan, done: Uint8Array): Recovery {
  const path = join(dir, RUNS);
  const recovery: Recovery = { done: 0, failedDropped: 0, tornBytes: 0, unreadableLines: 0 };
  if (!existsSync(path)) return recovery;
  const slots = done.length;
  let dirty = false;
  const validEnd = scanLines(path, (line) => {
    const r = parseRecord(line);
    if (!r) {
      recovery.unreadableLines++;
      dirty = true;
      return;
    }
    const slot = slotOf(plan, r);
    if (slot < 0 || slot >= slots) {
      recovery.unreadableLines++;
      dirty = true;
    } else if (r.status !== "ok") {
      recovery.failedDropped++;
      dirty = true;
    } else if (done[slot]) {
      dirty = true;
    } else {
      done[slot] = 1;
      recovery.done++;
    }
  });
  const size = statSync(path).size;
  recovery.tornBytes = size - validEnd;
  if (recovery.tornBytes > 0) dirty = true;
  if (!dirty) return recovery;
  const tmp = join(dir, `.${RUNS}.recovered`);
  const out = openSync(tmp, "w");
  const kept = new Uint8Array(slots);
  try {
    scanLines(path, (line) => {
      const r = parseRecord(line);
      if (r?.status !== "ok") return;
      const slot = slotOf(plan, r);
      if (slot < 0 || slot >= slots || kept[slot]) return;
      kept[slot] = 1;
      writeSync(out, line);
      writeSync(out, "\n");
    });
    fsyncSync(out);
  } finally {
    closeSync(out);
  }
  renameSync(tmp, path);
  return recovery;
}
