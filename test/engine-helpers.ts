import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packJobOutput } from "../src/engine/job.js";
import type { Executor, JobTask, SweepPlan } from "../src/engine/types.js";
import { defaultParams, INSTRUMENT_NAMES, type ModelParams } from "../src/model/params.js";
import { type FirmRecords, type RunResult, TICK_METRICS, type TickSeries } from "../src/model/types.js";
import type { JobSpec } from "../src/scenario/jobs.js";

/** Helpers shared by the engine and CLI tests (no test of its own). */

export const ROOT = join(import.meta.dirname, "..");
export const CLI = join(ROOT, "dist", "cli", "main.js");
export const BUILT_WORKER = new URL("../dist/engine/worker.js", import.meta.url);

export function requireBuild(): void {
  if (!existsSync(CLI) || !existsSync(join(ROOT, "dist", "model", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
  }
}

/** A deterministic stand-in for a model run: every series a function of seed, metric and tick. */
export function syntheticResult(seed: number, ticks: number, firms = 0): RunResult {
  const series = {} as TickSeries;
  TICK_METRICS.forEach((m, k) => {
    const a = new Float64Array(ticks);
    for (let t = 0; t < ticks; t++) a[t] = ((seed % 1000) + k * 7 + t * 0.5) / 3;
    series[m.name] = a;
  });
  series.booksResidual.fill(0);
  const spending = {} as RunResult["spending"];
  for (const name of INSTRUMENT_NAMES) spending[name] = new Float64Array(ticks);
  spending.grants.fill(0.25);
  const result: RunResult = { ticks, series, spending, stateBytesPerFirm: 100 };
  if (firms > 0) result.firms = syntheticFirms(firms);
  return result;
}

/** `n` initial SMEs of which every third has exited, plus one start-up and one lead firm. */
export function syntheticFirms(n: number): FirmRecords {
  const total = n + 2;
  const f: FirmRecords = {
    id: new Int32Array(total),
    kind: new Uint8Array(total),
    origin: new Uint8Array(total),
    entryTick: new Int32Array(total),
    exitTick: new Int32Array(total).fill(-1),
    exitCause: new Uint8Array(total),
    employees: new Float64Array(total).fill(5),
    sales: new Float64Array(total),
    rdSpending: new Float64Array(total),
    rdStaff: new Float64Array(total),
    productivity: new Float64Array(total).fill(1),
    quality: new Float64Array(total).fill(1),
    netWorth: new Float64Array(total),
    tier: new Uint8Array(total),
    patents: new Int32Array(total),
    innovations: new Int32Array(total),
    rdQuarters: new Int32Array(total),
    cooperated: new Uint8Array(total),
    vcRounds: new Uint8Array(total),
    grantsReceived: new Float64Array(total),
    guaranteedBorrowing: new Float64Array(total),
    policyBorrowing: new Float64Array(total),
    employeesYearAgo: new Float64Array(total).fill(Number.NaN),
    rdYearAgo: new Int8Array(total).fill(-1),
    lastRdTick: new Int32Array(total).fill(-1),
    lastInnovationTick: new Int32Array(total).fill(-1),
    lastCooperationTick: new Int32Array(total).fill(-1),
  };
  for (let i = 0; i < total; i++) f.id[i] = i;
  for (let i = 0; i < n; i += 3) {
    f.exitTick[i] = 2;
    f.exitCause[i] = 1;
  }
  f.origin[n] = 1; // a start-up, not in the initial cohort
  f.exitTick[n] = 3;
  f.kind[n + 1] = 1; // a lead firm
  return f;
}

/** A plan of `points` × `replications` jobs over default parameters (no scenario file). */
export function syntheticPlan(
  points: number,
  replications: number,
  opts: { hash?: string; ticks?: number } = {},
): SweepPlan {
  const params: ModelParams = { ...defaultParams(), ticks: opts.ticks ?? 6, firms: 20 };
  return {
    scenarioHash: opts.hash ?? "synthetic-hash",
    count: points * replications,
    points,
    replications,
    jobAt(i: number): JobSpec {
      const pointIndex = Math.floor(i / replications);
      const replication = i % replications;
      return {
        id: `p${String(pointIndex).padStart(6, "0")}-r${String(replication).padStart(4, "0")}`,
        index: i,
        pointIndex,
        replication,
        seed: 1000 + i * 17,
        point: { "market.markup": 0.1 + pointIndex / 10, "instruments.grants.enabled": pointIndex % 2 === 0 },
      };
    },
    paramsFor: () => params,
  };
}

export interface FakeExecutorOptions {
  concurrency?: number;
  delayMs?: number | ((task: JobTask) => number);
  /** An error to fail this attempt with, or null to succeed. */
  fail?: (task: JobTask) => Error | null;
}

/** An executor that returns synthetic results after a delay, honouring aborts. */
export function fakeExecutor(opts: FakeExecutorOptions = {}): Executor & { started: JobTask[] } {
  const started: JobTask[] = [];
  return {
    started,
    concurrency: opts.concurrency ?? 2,
    run(task, signal) {
      started.push(task);
      const delay = typeof opts.delayMs === "function" ? opts.delayMs(task) : (opts.delayMs ?? 1);
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(new Error("aborted before start"));
        const timer = setTimeout(() => {
          signal.removeEventListener("abort", onAbort);
          const err = opts.fail?.(task) ?? null;
          if (err) reject(err);
          else resolve(packJobOutput(syntheticResult(task.seed, task.params.ticks, 10)));
        }, delay);
        const onAbort = () => {
          clearTimeout(timer);
          reject(new Error("aborted"));
        };
        signal.addEventListener("abort", onAbort, { once: true });
      });
    },
    async close() {},
  };
}

export function readLines(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8").split("\n").filter(Boolean);
}

export function sortedRuns(dir: string): string {
  return readLines(join(dir, "runs.jsonl")).sort().join("\n");
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI to completion. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts the CLI, waits until `dir/runs.jsonl` holds at least `lines` lines, sends `signal`,
 * and resolves when the process has exited.
 */
export function cliInterrupted(
  args: string[],
  runsFile: string,
  lines: number,
  signal: NodeJS.Signals,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult & { linesAtSignal: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    let linesAtSignal = -1;
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const poll = setInterval(() => {
      const n = readLines(runsFile).length;
      if (n >= lines && linesAtSignal < 0) {
        linesAtSignal = n;
        child.kill(signal);
      }
    }, 20);
    child.on("error", reject);
    child.on("exit", (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, stdout, stderr, linesAtSignal });
    });
  });
}
