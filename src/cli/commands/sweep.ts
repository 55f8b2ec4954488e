import { join } from "node:path";
import { MultiBar, type SingleBar } from "cli-progress";
import type { Argv, CommandModule } from "yargs";
import { openBackend, parseShard, redactArgv } from "../../engine/distributed/index.js";
import {
  defaultWorkerCount,
  ResultStore,
  runSweep,
  type SweepEvent,
  type SweepOutcome,
  type SweepProgress,
} from "../../engine/index.js";
import { safePathName } from "../../engine/outputDir.js";
import { maxWorkerCount } from "../../engine/pool.js";
import {
  applyOverrides,
  describeScenario,
  describeSeeds,
  loadScenario,
  planJobs,
} from "../../scenario/index.js";

interface SweepArgs {
  scenario: string;
  workers?: number;
  out?: string;
  resume: boolean;
  "timeout-per-run"?: number;
  retries: number;
  replications?: number;
  ticks?: number;
  firms?: number;
  seed?: number;
  backend?: string;
  shard?: string;
}

/** The longest --timeout-per-run: 2^31 - 1 ms, Node's longest timer (24.8 days). */
const MAX_TIMEOUT_S = Math.floor((2 ** 31 - 1) / 1000);

class UserError extends Error {
  readonly exitCode = 2;
}

class SweepFailed extends Error {
  readonly exitCode = 1;
}

/** `ecosim sweep`: every job of a scenario on a worker pool, resumable. */
export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: "sweep <scenario>",
  describe: "Run every job of a scenario's design on a worker pool (resumable)",
  builder: (y: Argv<object>) =>
    y
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "Scenario file (YAML or JSON)",
      })
      .option("workers", {
        type: "number",
        describe: `Worker threads (default: cores, here ${defaultWorkerCount()})`,
      })
      .option("out", { type: "string", describe: "Results directory (default results/<scenario>)" })
      .option("resume", {
        type: "boolean",
        default: false,
        describe: "Continue the sweep in --out, skipping finished jobs",
      })
      .option("timeout-per-run", { type: "number", describe: "Seconds one run may take before it fails" })
      .option("retries", { type: "number", default: 1, describe: "Further attempts for a failed run" })
      .option("replications", { type: "number", describe: "Replications per point (overrides the scenario)" })
      .option("ticks", { type: "number", describe: "Quarters to simulate (overrides the scenario)" })
      .option("firms", { type: "number", describe: "Initial SMEs (overrides the scenario)" })
      .option("seed", { type: "number", describe: "Base seed (overrides the scenario)" })
      .option("backend", {
        type: "string",
        describe:
          "Run on a BullMQ queue: redis://[user:pass@]host:port/db, rediss://…, or redis ($ECOSIM_REDIS_URL)",
      })
      .option("shard", { type: "string", describe: "Run only shard K/N of the jobs (then `ecosim merge`)" }),
  handler: async (args) => {
    const workers = args.workers ?? defaultWorkerCount();
    if (!Number.isInteger(workers) || workers < 1)
      throw new UserError(`--workers ${args.workers}: expected an integer ≥ 1`);
    if (workers > maxWorkerCount()) {
      throw new UserError(
        `--workers ${args.workers}: at most ${maxWorkerCount()} here (4 threads per core, ${defaultWorkerCount()} cores)`,
      );
    }
    if (!Number.isInteger(args.retries) || args.retries < 0) {
      throw new UserError(`--retries ${args.retries}: expected an integer ≥ 0`);
    }
    const timeout = args["timeout-per-run"];
    // Node's timers hold at most 2^31 - 1 ms (a longer one fires at once); a limit under 1 ms is none.
    if (timeout !== undefined && !(timeout >= 0.001 && timeout <= MAX_TIMEOUT_S))
      throw new UserError(`--timeout-per-run ${timeout}: expected seconds in [0.001, ${MAX_TIMEOUT_S}]`);
    const scenario = applyOverrides(loadScenario(args.scenario), {
      ticks: args.ticks,
      firms: args.firms,
      replications: args.replications,
      seed: args.seed,
    });
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const plan = planJobs(scenario, { shard });
    const backend = await openBackend(args.backend, scenario.name, plan, timeout, (line) =>
      process.stderr.write(`${line}\n`),
    );
    // the name comes from the scenario file: made safe, it cannot steer the folder out of results/
    const dir = args.out ?? join("results", safePathName(scenario.name));
    let store: ResultStore;
    try {
      store = ResultStore.open({
        dir,
        plan,
        resume: args.resume,
        describe: {
          scenario: describeScenario(scenario),
          design: scenario.design,
          seeds: describeSeeds(scenario),
          extra: {
            argv: redactArgv(process.argv.slice(2)),
            workers,
            retries: args.retries,
            timeoutPerRunS: timeout ?? null,
            ...(shard ? { shard } : {}),
            ...(backend ? { backend: backend.description } : {}),
          },
        },
      });
    } catch (err) {
      await backend?.executor.finish(false);
      throw err;
    }
    const out = process.stdout;
    const r = store.recovery;
    out.write(
      `sweep ${scenario.name}: ${plan.count} runs (${plan.points} points × ${plan.replications} replications), ` +
        `${scenario.params.firms} firms × ${scenario.params.ticks} quarters, ` +
        `${backend ? backend.description : `${workers} workers`}${shard ? `, shard ${shard.k}/${shard.n}` : ""} → ${dir}\n`,
    );
    if (args.resume && (r.done > 0 || r.failedDropped > 0 || r.tornBytes > 0)) {
      out.write(
        `resuming: ${r.done} runs already done` +
          (r.failedDropped ? `, ${r.failedDropped} failed runs to retry` : "") +
          (r.tornBytes ? `, cut a torn last line of ${r.tornBytes} bytes` : "") +
          (r.unreadableLines ? `, dropped ${r.unreadableLines} unreadable lines` : "") +
          "\n",
      );
    }

    const controller = new AbortController();
    let signalName: NodeJS.Signals | null = null;
    const onSignal = (sig: NodeJS.Signals) => {
      if (signalName) {
        // A second interrupt: every finished run is already on disk, so leave at once.
        process.stderr.write(`\n${sig} again: leaving now; ${resumeHint()}\n`);
        process.exit(exitCodeFor(sig));
      }
      signalName = sig;
      controller.abort(sig);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const progress = createProgress(out.isTTY === true);
    let outcome: SweepOutcome | undefined;
    try {
      outcome = await runSweep({
        plan,
        store,
        workers,
        executor: backend?.executor,
        // With a backend, the worker enforces the time limit (a job's wait in the queue is not its run).
        timeoutMs: timeout && !backend ? timeout * 1000 : 0,
        retries: args.retries,
        // With a backend, jobs left running stay queued for --resume: nothing to wait for.
        graceMs: backend ? 0 : undefined,
        signal: controller.signal,
        onProgress: progress.update,
        onEvent: progress.event,
      });
    } finally {
      progress.stop();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      store.close();
      await backend?.executor.finish(outcome !== undefined && !outcome.interrupted);
    }

    const secs = outcome.elapsedMs / 1000;
    const ran = outcome.ok - outcome.skipped + outcome.failures.length;
    if (outcome.interrupted) {
      const sig = signalName ?? "SIGINT";
      process.stderr.write(
        `\ninterrupted by ${sig}: ${outcome.ok} of ${outcome.total} runs are done and saved in ${join(dir, "runs.jsonl")}` +
          (outcome.abandoned ? ` (${outcome.abandoned} unfinished runs abandoned)` : "") +
          `.\n${resumeHint()}\n`,
      );
      process.exitCode = exitCodeFor(sig);
      return;
    }
    if (outcome.skipped === outcome.total && ran === 0) {
      out.write(`nothing to do: all ${outcome.total} runs are done in ${dir}\n`);
    } else {
      out.write(
        `${ran} runs in ${secs.toFixed(1)} s (${(ran / Math.max(secs, 1e-9)).toFixed(2)} runs/s)` +
          (outcome.skipped ? `, ${outcome.skipped} done before` : "") +
          `; wrote ${outcome.files.join(", ")} to ${dir}\n`,
      );
    }
    if (outcome.failures.length > 0) {
      const list = outcome.failures
        .slice(0, 20)
        .map((f) => `  ${f.id} (${f.attempts} attempts): ${f.error}`)
        .join("\n");
      const more =
        outcome.failures.length > 20 ? `\n  … and ${outcome.failures.length - 20} more (see runs.jsonl)` : "";
      throw new SweepFailed(
        `${outcome.failures.length} of ${outcome.total} runs failed for good:\n${list}${more}\n` +
          `they are recorded in ${join(dir, "runs.jsonl")}; ${resumeHint()} to retry them`,
      );
    }
  },
};

function exitCodeFor(sig: NodeJS.Signals): number {
  return sig === "SIGTERM" ? 143 : 130;
}

/** The command that continues this sweep: the original arguments plus --resume. */
function resumeHint(): string {
  const argv = redactArgv(process.argv.slice(2));
  const words = argv.includes("--resume") ? argv : [...argv, "--resume"];
  return `resume with: ecosim ${words.map(shellQuote).join(" ")}`;
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

interface ProgressView {
  update(p: SweepProgress): void;
  event(e: SweepEvent): void;
  stop(): void;
}

/** A cli-progress bar on a terminal; otherwise a plain line every few seconds. */
function createProgress(tty: boolean): ProgressView {
  const started = performance.now();
  let baseline = -1;
  const rate = (p: SweepProgress) => {
    const secs = (performance.now() - started) / 1000;
    const ran = p.done - Math.max(0, baseline);
    return secs > 0 ? ran / secs : 0;
  };
  const eta = (p: SweepProgress) => {
    const r = rate(p);
    return r > 0 ? (p.total - p.done) / r : Number.NaN;
  };
  const describe = (e: SweepEvent): string => {
    switch (e.type) {
      case "retry":
        return `${e.id} failed (${e.error}); retrying (attempt ${e.attempt})`;
      case "failed":
        return `${e.id} failed for good after ${e.attempts} attempts: ${e.error}`;
      case "stopping":
        return `stopping: no new runs; waiting for ${e.running} running ones`;
      case "abandoned":
        return `abandoned ${e.ids.length} unfinished runs`;
      case "finalizing":
        return "writing runs.csv, runs.parquet, ticks.parquet";
    }
  };
  if (tty) {
    const bars = new MultiBar({
      format: "{bar} {value}/{total} runs | {rate} runs/s | ETA {eta_h} | failed {failed}",
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
    });
    let bar: SingleBar | null = null;
    return {
      update(p) {
        if (baseline < 0) baseline = p.done;
        const payload = { rate: rate(p).toFixed(2), failed: p.failed, eta_h: fmtSecs(eta(p)) };
        if (!bar) bar = bars.create(p.total, p.done, payload);
        else bar.update(p.done, payload);
      },
      event(e) {
        bars.log(`${describe(e)}\n`);
      },
      stop() {
        bars.stop();
      },
    };
  }
  let last: SweepProgress | null = null;
  let lastLine = 0;
  const line = (p: SweepProgress) =>
    `${p.done}/${p.total} runs, ${rate(p).toFixed(2)} runs/s, ETA ${fmtSecs(eta(p))}, ${p.failed} failed, ${p.running} running\n`;
  return {
    update(p) {
      if (baseline < 0) baseline = p.done;
      last = p;
      const now = performance.now();
      if (now - lastLine >= 5000 || (p.done === p.total && lastLine > 0)) {
        lastLine = now;
        process.stdout.write(line(p));
      }
    },
    event(e) {
      process.stdout.write(`${describe(e)}\n`);
    },
    stop() {
      if (last && last.done !== last.total && lastLine > 0) process.stdout.write(line(last));
    },
  };
}

function fmtSecs(s: number): string {
  if (!Number.isFinite(s)) return "–";
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
