import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { crc32 } from "node:zlib";
import { checkOutputDir, OutputDirError, writeJsonAtomic } from "../engine/index.js";
import { hashOf } from "../scenario/index.js";
import type { CompareScenario } from "./compareRuns.js";

/**
 * The folder of a comparison (`compare --out DIR`), resumable like a sweep's:
 *   compare-plan.json  what is compared (scenarios, parameters' hashes, base seed) and the
 *                      comparison's identity; status running → interrupted/complete
 *   runs.bin           every finished run's packed outputs (summary, per-tick series, the firm
 *                      columns the charts need: packCompareOutput), one checksummed record per
 *                      run, appended and synced as each run finishes: what --resume reads back
 *   runs.jsonl         one line per finished run (scenario, replication, seed, summary),
 *                      appended as runs finish, rewritten in order at the end
 *   comparison.json, comparison.csv, charts/, report.html   written at the end
 * The end is atomic: the finished folder is assembled in a hidden sibling and renamed into
 * place, so an interrupt while the charts are written leaves the folder as it was (resumable).
 */

export const COMPARE_PLAN = "compare-plan.json";
const RUNS_BIN = "runs.bin";
const RUNS_JSONL = "runs.jsonl";
const PLAN_FORMAT = "ecosim-compare-plan/1";

/** Everything a comparison folder may hold (what compare and `ecosim report` write there). */
export const COMPARE_DIR_ENTRIES: readonly string[] = [
  COMPARE_PLAN,
  `${COMPARE_PLAN}.tmp`,
  RUNS_BIN,
  RUNS_JSONL,
  "comparison.json",
  "comparison.csv",
  "report.html",
  "charts/",
];

/** compare-plan.json. */
export interface ComparePlanFile {
  format: typeof PLAN_FORMAT;
  /** Hash of the base seed and of every scenario's name and parameters, in order. */
  identity: string;
  status: "running" | "interrupted" | "complete";
  baseSeed: number;
  scenarios: { name: string; file?: string; paramsHash: string }[];
  /** Replications the comparison last asked for (a --precision run raises it batch by batch). */
  replications: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The identity of a comparison: what decides its runs' outputs (the base seed of the common
 * random numbers and each scenario's parameters) and their names. Replications are not part of
 * it: a resumed or more precise comparison adds seeds to the same sequence crnSeed(seed, r).
 */
export function compareIdentity(scenarios: readonly CompareScenario[], baseSeed: number): string {
  return hashOf([baseSeed, scenarios.map((s) => [s.name, hashOf(s.params)])]).slice(0, 16);
}

/** What a comparison folder holds before any run: nothing to reuse, or runs of this comparison. */
export type CompareDirState = "fresh" | "resume";

function readPlan(dir: string): ComparePlanFile | null | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, COMPARE_PLAN), "utf8");
  } catch {
    return undefined;
  }
  try {
    const plan = JSON.parse(text) as ComparePlanFile;
    return plan?.format === PLAN_FORMAT && typeof plan.identity === "string" ? plan : null;
  } catch {
    return null;
  }
}

function entriesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).map((d) => (d.isDirectory() ? `${d.name}/` : d.name));
}

function listed(entries: readonly string[]): string {
  const shown = entries.slice(0, 5).map((e) => JSON.stringify(e));
  return shown.join(", ") + (entries.length > 5 ? ` and ${entries.length - 5} more` : "");
}

/**
 * Checks `dir` as the folder of this comparison before anything runs; throws OutputDirError
 * (exit 2, nothing written) saying what is there when it cannot be used:
 * - absent or empty: a fresh comparison;
 * - a comparison of the same scenarios and seed (compare-plan.json): its finished runs are
 *   reused with `resume`, refused without;
 * - anything else (a user's files, another comparison, a run or sweep): refused.
 */
export function checkCompareDir(
  dir: string,
  identity: string,
  options: { resume: boolean; keep?: readonly string[] },
): CompareDirState {
  const plan = readPlan(dir);
  if (plan === undefined) {
    let state: ReturnType<typeof checkOutputDir>;
    try {
      state = checkOutputDir(dir, "compare", { keep: options.keep, owned: COMPARE_DIR_ENTRIES });
    } catch (err) {
      // compare has no --force: drop checkOutputDir's advice to add it
      if (err instanceof OutputDirError) {
        throw new OutputDirError(err.message.replace(/, or add --force\b[^;]*$/s, ""));
      }
      throw err;
    }
    if (state === "previous") {
      throw new OutputDirError(
        `${dir} holds a comparison written by an earlier ecosim (no ${COMPARE_PLAN}), which cannot be ` +
          "resumed or told apart from this one; nothing was written. Choose another --out",
      );
    }
    return "fresh";
  }
  if (plan === null) {
    throw new OutputDirError(
      `${dir}/${COMPARE_PLAN} is unreadable, so ${dir} cannot be resumed; nothing was written. Choose another --out`,
    );
  }
  if (plan.identity !== identity) {
    const names = (plan.scenarios ?? []).map((s) => s.name).join(", ");
    throw new OutputDirError(
      `${dir} holds a comparison of other scenarios or seeds (${names}; base seed ${plan.baseSeed}); ` +
        "results of different comparisons are never mixed: choose another --out",
    );
  }
  const foreign = entriesOf(dir).filter((e) => !COMPARE_DIR_ENTRIES.includes(e));
  if (foreign.length > 0) {
    throw new OutputDirError(
      `${dir} holds this comparison and ${foreign.length === 1 ? "an entry" : "entries"} ecosim did not ` +
        `write (${listed(foreign)}), which finishing it would delete; nothing was written. Move ` +
        `${foreign.length === 1 ? "it" : "them"} out, or choose another --out`,
    );
  }
  if (!options.resume) {
    throw new OutputDirError(
      plan.status === "complete"
        ? `${dir} already holds this comparison; add --resume to reuse its runs (and add seeds with --replications or --precision), or choose another --out`
        : `${dir} holds an unfinished run of this comparison; add --resume to continue it, or choose another --out`,
    );
  }
  return "resume";
}

/** One finished run as the store keeps it: the packed outputs of packCompareOutput. */
export interface StoredRun {
  scenario: number;
  replication: number;
  buffer: Float64Array;
}

/** What opening a folder for --resume found. */
export interface CompareRecovery {
  /** runs read back */
  runs: number;
  /** bytes of a torn or corrupt tail cut off runs.bin */
  tornBytes: number;
  /** records dropped (unreadable or duplicate): those runs are done again */
  dropped: number;
}

/**
 * runs.bin record: a 24-byte header (magic, scenario index, replication, number of float64
 * values, CRC-32 of the values, 0 as uint32 little-endian), then the values.
 */
const MAGIC = 0x434f4345; // "ECOC"
const HEADER = 24;

export class CompareStore {
  private binFd: number;
  private jsonFd: number;
  private plan: ComparePlanFile;
  /** Where each run's record lies in runs.bin, by "s:r". */
  private readonly index = new Map<string, { offset: number; values: number }>();
  private size = 0;

  private constructor(
    readonly dir: string,
    plan: ComparePlanFile,
    binFd: number,
  ) {
    this.plan = plan;
    this.binFd = binFd;
    this.jsonFd = -1;
  }

  /**
   * Opens `dir` for the comparison (checkCompareDir first): creates it, or reads back its finished
   * runs for --resume, cutting a torn tail off runs.bin and rewriting runs.jsonl from it. `accept`
   * receives every run read back and returns its runs.jsonl line, or null to drop it (a record
   * that does not decode, or a duplicate: the run is done again).
   */
  static open(options: {
    dir: string;
    scenarios: readonly CompareScenario[];
    baseSeed: number;
    replications: number;
    resume: boolean;
    keep?: readonly string[];
    accept: (run: StoredRun) => string | null;
  }): { store: CompareStore; recovery: CompareRecovery } {
    const { dir, scenarios, baseSeed } = options;
    const identity = compareIdentity(scenarios, baseSeed);
    const state = checkCompareDir(dir, identity, { resume: options.resume, keep: options.keep });
    mkdirSync(dir, { recursive: true });
    const now = new Date().toISOString();
    const previous = state === "resume" ? readPlan(dir) : undefined;
    const plan: ComparePlanFile = {
      format: PLAN_FORMAT,
      identity,
      status: "running",
      baseSeed,
      scenarios: scenarios.map((s) => ({ name: s.name, file: s.file, paramsHash: hashOf(s.params) })),
      replications: options.replications,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    writeJsonAtomic(join(dir, COMPARE_PLAN), plan);
    const binPath = join(dir, RUNS_BIN);
    if (state === "fresh") rmSync(binPath, { force: true });
    const fd = openSync(binPath, "a+");
    const store = new CompareStore(dir, plan, fd);
    const recovery: CompareRecovery = { runs: 0, tornBytes: 0, dropped: 0 };
    const lines: string[] = [];
    const valid = store.scan((run, offset) => {
      const key = `${run.scenario}:${run.replication}`;
      const line = run.scenario < scenarios.length && !store.index.has(key) ? options.accept(run) : null;
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

  /** Calls `onRecord` for each valid record in file order; returns the end of the last one. */
  private scan(onRecord: (run: StoredRun, offset: number) => void): number {
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
      onRecord({ scenario: header.readUInt32LE(4), replication: header.readUInt32LE(8), buffer }, pos);
      pos += HEADER + bytes;
    }
    return pos;
  }

  has(scenario: number, replication: number): boolean {
    return this.index.has(`${scenario}:${replication}`);
  }

  /**
   * Records one finished run: its outputs go to runs.bin and are synced before this returns (so
   * a later --resume finds them), its summary line to runs.jsonl.
   */
  append(run: StoredRun, summaryLine: string): void {
    if (this.binFd < 0) throw new Error("the comparison's store is closed");
    const body = Buffer.from(run.buffer.buffer, run.buffer.byteOffset, run.buffer.byteLength);
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(run.scenario, 4);
    header.writeUInt32LE(run.replication, 8);
    header.writeUInt32LE(run.buffer.length, 12);
    header.writeUInt32LE(crc32(body), 16);
    writeAll(this.binFd, Buffer.concat([header, body]));
    fdatasyncSync(this.binFd);
    this.index.set(`${run.scenario}:${run.replication}`, { offset: this.size, values: run.buffer.length });
    this.size += HEADER + body.length;
    writeAll(this.jsonFd, Buffer.from(`${summaryLine}\n`));
  }

  /** Notes the replications the comparison now asks for (compare-plan.json). */
  setReplications(replications: number): void {
    if (replications === this.plan.replications) return;
    this.writePlan({ replications });
  }

  private writePlan(change: Partial<ComparePlanFile>, dir = this.dir): void {
    this.plan = { ...this.plan, ...change, updatedAt: new Date().toISOString() };
    writeJsonAtomic(join(dir, COMPARE_PLAN), this.plan);
  }

  /**
   * Writes the finished folder atomically: a hidden sibling gets runs.bin and runs.jsonl with
   * the runs `order` lists (in that order), whatever `write` puts there (comparison.json, charts,
   * report.html) and compare-plan.json marked complete; then it replaces `dir`. Returns the
   * paths written (in `dir`), or null when `aborted()` turned true before the swap (the folder is then
   * as it was, and the sibling removed).
   */
  async finish(
    order: readonly { scenario: number; replication: number; line: string }[],
    write: (tmp: string) => Promise<string[]>,
    aborted: () => boolean,
  ): Promise<string[] | null> {
    const parent = dirname(this.dir);
    const name = basename(this.dir);
    const tmp = join(parent, `.${name}.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    try {
      // runs.bin in the comparison's order, so the folder is the same whatever the workers did
      const out = openSync(join(tmp, RUNS_BIN), "w");
      try {
        for (const { scenario, replication } of order) {
          const at = this.index.get(`${scenario}:${replication}`);
          if (!at) throw new Error(`run ${scenario}:${replication} is not in ${RUNS_BIN}`);
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
        rmSync(tmp, { recursive: true, force: true });
        return null;
      }
      this.writePlan({ status: "complete" }, tmp);
      this.closeFiles();
      const old = join(parent, `.${name}.old-${process.pid}`);
      rmSync(old, { recursive: true, force: true });
      const replacing = existsSync(this.dir);
      if (replacing) renameSync(this.dir, old);
      try {
        renameSync(tmp, this.dir);
      } catch (err) {
        if (replacing) renameSync(old, this.dir);
        throw err;
      }
      rmSync(old, { recursive: true, force: true });
      const inDir = (p: string) => join(this.dir, relative(tmp, p));
      return [COMPARE_PLAN, RUNS_BIN, RUNS_JSONL].map((f) => join(this.dir, f)).concat(written.map(inDir));
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
  }

  /** Closes the files, marking the plan (e.g. "interrupted"); safe to call twice. */
  close(status: "interrupted" | null = null): void {
    if (status && this.binFd >= 0 && existsSync(this.dir)) this.writePlan({ status });
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
