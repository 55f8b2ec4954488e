import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { benchQueue, describeQueueBench, resolveRedisUrl } from "../../engine/distributed/index.js";
import { type BenchReport, defaultWorkerCount, runBench, writeJsonAtomic } from "../../engine/index.js";

interface BenchArgs {
  quick: boolean;
  workers?: number;
  repetitions?: number;
  instructions?: boolean;
  out: string;
  redis?: string;
}

class UserError extends Error {
  readonly exitCode = 2;
}

/** `ecosim bench`: single-run throughput, sweep scaling, pool overhead and memory, in one run. */
export const benchCommand: CommandModule<object, BenchArgs> = {
  command: "bench",
  describe: "Measure throughput and scaling, warm and cold (table + results/bench/<date>.json)",
  builder: (y: Argv<object>) =>
    y
      .option("quick", {
        type: "boolean",
        default: false,
        describe: "Skip 10^6 firms and the 1,000-run sweep",
      })
      .option("workers", {
        type: "number",
        describe: `Most workers in the scaling sweep (default ${defaultWorkerCount()})`,
      })
      .option("repetitions", {
        type: "number",
        describe: "Repetitions of every timing, every row alike (default: 5 or 3 per size, medians)",
      })
      .option("instructions", {
        type: "boolean",
        describe: "Count instructions per firm-tick with valgrind (default: when installed, unless --quick)",
      })
      .option("out", {
        type: "string",
        default: join("results", "bench"),
        describe: "Folder for the JSON report (bench/results/ holds the figures quoted in bench/README.md)",
      })
      .option("redis", {
        type: "string",
        describe:
          "Also compare a Redis-backed sweep with the local pool: redis://host:port/db, or redis ($ECOSIM_REDIS_URL)",
      }),
  handler: async (args) => {
    if (args.workers !== undefined && !(Number.isInteger(args.workers) && args.workers >= 1)) {
      throw new UserError(`--workers ${args.workers}: expected an integer ≥ 1`);
    }
    if (args.repetitions !== undefined && !(Number.isInteger(args.repetitions) && args.repetitions >= 1)) {
      throw new UserError(`--repetitions ${args.repetitions}: expected an integer ≥ 1`);
    }
    const redisUrl = args.redis === undefined ? null : resolveRedisUrl(args.redis);
    const report = await runBench({
      quick: args.quick,
      maxWorkers: args.workers,
      repetitions: args.repetitions,
      instructions: args.instructions,
      onStep: (m) => process.stderr.write(`bench: ${m}\n`),
    });
    // The Redis backend's figures (src/engine/distributed/bench.ts), only with --redis.
    const redis =
      redisUrl === null
        ? null
        : await benchQueue({
            url: redisUrl,
            repetitions: args.repetitions ?? 3,
            onStep: (m) => process.stderr.write(`bench: ${m}\n`),
          });
    mkdirSync(args.out, { recursive: true });
    const file = join(args.out, `${report.date.replaceAll(":", "-").replace(/\.\d+Z$/, "Z")}.json`);
    writeJsonAtomic(file, redis ? { ...report, redis } : report);
    process.stdout.write(formatReport(report));
    if (redis) process.stdout.write(`\n${describeQueueBench(redis).join("\n")}\n`);
    process.stdout.write(`\nwrote ${file}\n`);
  },
};

const MB = 1024 * 1024;

/** The slowest and the fastest of the repetitions' rates, in M firm-ticks/s. */
function rateRange(rates: number[]): string {
  const m = (x: number) => (x / 1e6).toFixed(2);
  return `${m(Math.min(...rates))}–${m(Math.max(...rates))}`;
}

function formatReport(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(
    `ecosim ${r.versions.ecosim}, node ${r.versions.node}, ${r.host.cpus} cpus, ${r.quick ? "quick" : "full"}`,
  );
  lines.push(
    "",
    "single run (baseline, in-process; medians of repetitions; firm-ticks = Σ live firms per tick;",
    "probe ns = the host's speed: a fixed kernel timed before each repetition, lower is faster;",
    "range = the slowest and fastest repetition, M firm-ticks/s)",
  );
  lines.push(
    row([
      "firms",
      "ticks",
      "reps",
      "median s",
      "firm-ticks/s",
      "range",
      "per CPU-s",
      "bytes/firm",
      "peak RSS MB",
      "probe ns",
      "cold",
      "cold 2nd",
    ]),
  );
  for (const s of r.singleRun) {
    lines.push(
      row([
        s.firms.toLocaleString("en-US"),
        String(s.ticks),
        String(s.repetitions),
        s.medianSeconds.toFixed(3),
        Math.round(s.firmTicksPerSecond).toLocaleString("en-US"),
        rateRange(s.perRepetition.map((x) => x.firmTicksPerSecond)),
        Math.round(s.firmTicksPerCpuSecond).toLocaleString("en-US"),
        String(Math.round(s.stateBytesPerFirm)),
        (s.peakRssBytes / MB).toFixed(0),
        s.hostProbeNs.toFixed(1),
        Math.round(s.cold.firmTicksPerSecond).toLocaleString("en-US"),
        Math.round(s.cold.secondRunFirmTicksPerSecond).toLocaleString("en-US"),
      ]),
    );
  }
  lines.push(
    "cold = the first run of a fresh process (firm-ticks/s, median over processes), cold 2nd = its second run;",
    `cold/warm: ${r.singleRun.map((s) => `${s.firms.toLocaleString("en-US")} ${(s.cold.firmTicksPerSecond / s.firmTicksPerSecond).toFixed(2)}`).join(", ")}`,
  );
  if (r.instructions) {
    const i = r.instructions;
    lines.push(
      `instructions per firm-tick after a warm-up run (valgrind cachegrind, ${i.firms.toLocaleString("en-US")} firms × ${i.ticks} ticks, runs 2–4 of a process; V8 tiers up slowly under valgrind, so an upper bound on the warm figure): ${Math.round(i.perFirmTick).toLocaleString("en-US")}`,
    );
  } else lines.push("instructions per firm-tick: not counted (valgrind not installed, or --quick)");
  const small = r.singleRun.find((s) => s.firms === 10_000);
  const large = r.singleRun.find((s) => s.firms === 1_000_000);
  if (small && large) {
    const ratio = small.firmTicksPerSecond / large.firmTicksPerSecond;
    const cpuRatio = small.firmTicksPerCpuSecond / large.firmTicksPerCpuSecond;
    lines.push(
      `cost per firm-tick at 10^6 firms vs 10^4: ${ratio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x CPU (1 = linear scaling)`,
    );
  }
  const sc = r.scaling;
  lines.push(
    "",
    `sweep scaling (${sc.figures[0]?.jobs ?? 0} jobs of ${sc.firms} firms × ${sc.ticks} ticks ≈ ${(sc.jobSeconds * 1000).toFixed(0)} ms each, ` +
      `${sc.figures[0]?.repetitions ?? 0} interleaved repetitions; efficiency = median of the paired T1/(n·Tn), range = lowest–highest pair)`,
  );
  lines.push(row(["workers", "median s", "runs/s", "speed-up", "efficiency", "range", "peak RSS MB"]));
  for (const f of sc.figures) {
    lines.push(
      row([
        String(f.workers),
        f.medianSeconds.toFixed(3),
        f.runsPerSecond.toFixed(2),
        f.speedup.toFixed(2),
        f.efficiency.toFixed(2),
        `${f.efficiencyRange[0].toFixed(2)}–${f.efficiencyRange[1].toFixed(2)}`,
        (f.peakRssBytes / MB).toFixed(0),
      ]),
    );
  }
  const o = r.overhead;
  lines.push(
    "",
    `per-job overhead (${o.jobs} jobs of 1 firm × 1 tick, ${o.workers} workers): ` +
      `${o.poolMsPerJob.toFixed(3)} ms through the pool, ${o.sweepMsPerJob.toFixed(3)} ms through runSweep with the store`,
  );
  if (r.bigSweep) {
    const b = r.bigSweep;
    lines.push(
      `big sweep (${b.runs} runs × ${b.firms} firms × ${b.ticks} ticks, ${b.workers} workers): ` +
        `${b.seconds.toFixed(1)} s, ${b.runsPerSecond.toFixed(2)} runs/s, peak RSS ${(b.peakRssBytes / MB).toFixed(0)} MB`,
    );
  } else lines.push("big sweep: skipped (--quick)");
  return `${lines.join("\n")}\n`;
}

function row(cells: string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padStart(10) : c.padStart(14))).join("");
}
