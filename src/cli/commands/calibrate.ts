import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { calibrationHash, runCalibration } from "../../analysis/calibration/run.js";
import { syntheticTargets } from "../../analysis/calibration/synthetic.js";
import { loadTargets, TargetsError, type TargetsFile } from "../../analysis/calibration/targets.js";
import { packageVersion, writeJsonAtomic } from "../../engine/index.js";
import { safePathName } from "../../engine/outputDir.js";
import { defaultParams } from "../../model/params.js";
import { writeCalibrationOutputs } from "../../report/calibrationOutputs.js";
import { loadScenario } from "../../scenario/index.js";

interface CalibrateArgs {
  targets: string;
  scenario?: string;
  out?: string;
  resume: boolean;
  workers?: number;
  particles?: number;
  generations?: number;
  firms?: number;
  ticks?: number;
  replications?: number;
  seed?: number;
  synthetic?: string[];
  dataset: number;
}

function fmtSecs(s: number): string {
  if (!Number.isFinite(s)) return "–";
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

function readManifestLike(file: string): { hash?: string } | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as { hash?: string };
  } catch {
    return null;
  }
}

function fail(message: string): never {
  throw new TargetsError(message);
}

function positive(name: string, v: number | undefined, min = 1): number | undefined {
  if (v === undefined) return undefined;
  if (!(Number.isInteger(v) && v >= min)) fail(`--${name}: expected an integer ≥ ${min}, got ${v}`);
  return v;
}

/** `ecosim calibrate <targets.yaml>`: ABC-SMC of the parameters a targets file lists. */
export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: "calibrate <targets>",
  describe:
    "Calibrate parameters to empirical moments (ABC-SMC on common random numbers): posterior sample, fit, identifiability, report",
  builder: (y: Argv<object>) =>
    y
      .usage(
        "ecosim calibrate <targets.yaml> [--scenario base.yaml]\n\n" +
          "Estimates the parameters a targets file lists (uniform priors) from the moments it lists " +
          "(value ± s.e. or band, source). Every generation of particles is a resumable sweep on the " +
          "worker pool. Writes posterior.csv/.parquet, uncertainties.yaml (for compare --uncertainty), " +
          "fit.csv, calibration.json, Vega-Lite specs and report.html. Method: docs/calibration-method.md.",
      )
      .positional("targets", {
        type: "string",
        demandOption: true,
        describe: "Targets file (calibration/*.yaml)",
      })
      .option("scenario", {
        type: "string",
        describe: "Base scenario (default: the targets file's scenario, else the model defaults)",
      })
      .option("out", { type: "string", describe: "Output directory (default results/calibration-<name>)" })
      .option("resume", { type: "boolean", default: false, describe: "Continue the calibration in --out" })
      .option("workers", { type: "number", describe: "Worker threads (0: this thread; default: cores)" })
      .option("particles", { type: "number", describe: "Particles (overrides abc.particles)" })
      .option("generations", { type: "number", describe: "Most generations (overrides abc.generations)" })
      .option("firms", { type: "number", describe: "Initial SMEs (overrides economy.firms)" })
      .option("ticks", { type: "number", describe: "Quarters (overrides economy.ticks)" })
      .option("replications", {
        type: "number",
        describe: "Common seeds per particle (economy.replications)",
      })
      .option("seed", { type: "number", describe: "Seed of the ABC-SMC run and its common seeds (abc.seed)" })
      .option("synthetic", {
        type: "string",
        array: true,
        describe:
          "Recovery check: replace the targets by the model's own moments at path=value (repeat), on seeds of their own",
      })
      .option("dataset", { type: "number", default: 1, describe: "Synthetic dataset number (its seeds)" }),
  handler: async (args) => {
    let targets: TargetsFile = loadTargets(args.targets);
    targets = {
      ...targets,
      economy: {
        ...targets.economy,
        firms: positive("firms", args.firms) ?? targets.economy.firms,
        ticks: positive("ticks", args.ticks) ?? targets.economy.ticks,
        replications: positive("replications", args.replications) ?? targets.economy.replications,
      },
      abc: {
        ...targets.abc,
        particles: positive("particles", args.particles, 4) ?? targets.abc.particles,
        generations: positive("generations", args.generations) ?? targets.abc.generations,
        seed: positive("seed", args.seed, 0) ?? targets.abc.seed,
      },
    };
    if (targets.economy.burnIn >= targets.economy.ticks)
      fail(`--ticks ${targets.economy.ticks}: must exceed the burn-in (${targets.economy.burnIn})`);
    const scenarioFile = args.scenario ?? targets.scenario;
    const scenario = scenarioFile ? loadScenario(scenarioFile) : null;
    const params = scenario ? scenario.params : defaultParams();
    const scenarioName = scenario ? scenario.name : "model defaults";
    let truth: Record<string, number> | undefined;
    if (args.synthetic) {
      truth = {};
      for (const item of args.synthetic) {
        const m = /^([^=]+)=(.+)$/.exec(item);
        const value = m ? Number(m[2]) : Number.NaN;
        if (!m || !Number.isFinite(value)) fail(`--synthetic ${item}: expected path=value`);
        if (!targets.parameters.some((p) => p.path === m[1]))
          fail(`--synthetic ${m[1]}: not a parameter of the targets file`);
        truth[m[1]] = value;
      }
      targets = syntheticTargets(targets, params, { truth, dataset: args.dataset, observations: 8 });
    }
    const dir = args.out ?? join("results", `calibration-${safePathName(targets.name)}`);
    const hash = calibrationHash(targets, params);
    const manifestPath = join(dir, "calibration-manifest.json");
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      const previous = readManifestLike(manifestPath);
      if (!previous) fail(`${dir} exists and is not a calibration directory; choose another --out`);
      if (previous.hash !== hash)
        fail(`${dir} holds a calibration of other targets or settings; choose another --out`);
      if (!args.resume) fail(`${dir} holds this calibration already; add --resume to continue or reuse it`);
    }
    mkdirSync(dir, { recursive: true });
    writeJsonAtomic(manifestPath, { format: "ecosim-calibration/1", hash, targets: targets.file });
    const out = process.stdout;
    out.write(
      `calibrating ${targets.parameters.length} parameters to ${targets.moments.filter((m) => !m.heldOut).length} moments ` +
        `(${targets.moments.filter((m) => m.heldOut).length} held out): ${targets.abc.particles} particles, ≤ ${targets.abc.generations} generations, ` +
        `${targets.economy.firms} SMEs × ${targets.economy.ticks} quarters × ${targets.economy.replications} seeds\n`,
    );
    const controller = new AbortController();
    const onSignal = () => controller.abort("SIGINT");
    process.once("SIGINT", onSignal);
    const started = performance.now();
    let ran = 0;
    let lastKey = "";
    let lastDone = 0;
    let lastLine = 0;
    const perGen = targets.abc.particles * targets.economy.replications;
    let result: Awaited<ReturnType<typeof runCalibration>>;
    try {
      result = await runCalibration({
        targets,
        params,
        scenarioName,
        dir,
        workers: positive("workers", args.workers, 0) ?? Math.max(1, availableParallelism()),
        signal: controller.signal,
        onProgress: (p) => {
          const key = `${p.stage}-${p.generation}`;
          if (key !== lastKey) {
            lastKey = key;
            lastDone = p.sweep.skipped;
          }
          ran += Math.max(0, p.sweep.done - p.sweep.skipped - (lastDone - p.sweep.skipped));
          lastDone = p.sweep.done;
          const now = performance.now();
          if (now - lastLine < 3000 && p.sweep.done !== p.sweep.total) return;
          lastLine = now;
          const secs = (now - started) / 1000;
          const rate = secs > 0 ? ran / secs : 0;
          const left =
            p.stage === "generation"
              ? p.sweep.total - p.sweep.done + (p.generations - 1 - p.generation) * perGen
              : p.sweep.total - p.sweep.done;
          const eps = Number.isFinite(p.epsilon) ? p.epsilon.toPrecision(3) : "∞";
          out.write(
            `  ${p.stage === "generation" ? `generation ${p.generation + 1}/${p.generations} (ε ${eps})` : "predictive check"}: ` +
              `${p.sweep.done}/${p.sweep.total} runs${p.sweep.skipped ? ` (${p.sweep.skipped} from disk)` : ""}, ` +
              `${rate.toFixed(1)} runs/s, ETA ≤ ${fmtSecs(rate > 0 ? left / rate : Number.NaN)}\n`,
          );
        },
      });
    } finally {
      process.off("SIGINT", onSignal);
    }
    if (result.interrupted) {
      process.stderr.write(
        `interrupted: finished generations and runs are kept in ${dir}; add --resume to continue\n`,
      );
      process.exitCode = 130;
      return;
    }
    const files = writeCalibrationOutputs(result, {
      dir,
      targets,
      scenarioName,
      version: packageVersion(),
      truth,
    });
    out.write("\nposterior (90% interval; s.d./prior s.d.)\n");
    for (const m of result.marginals)
      out.write(
        `  ${m.path.padEnd(36)} ${m.q50.toPrecision(4).padStart(10)}  [${m.q05.toPrecision(4)}, ${m.q95.toPrecision(4)}]  ${m.sdRatio.toFixed(2)} ${m.verdict}` +
          `${truth ? `  truth ${truth[m.path]} ${truth[m.path] >= m.q05 && truth[m.path] <= m.q95 ? "inside" : "OUTSIDE"}` : ""}\n`,
      );
    out.write("fit (target; predictive mean [90%]; z)\n");
    for (const f of result.fit)
      out.write(
        `  ${f.id.padEnd(28)} ${f.heldOut ? "held out" : "fitted  "} ${f.target.toPrecision(4).padStart(9)}  ` +
          `${f.predictive === null ? "–" : f.predictive.toPrecision(4)} [${f.predictiveCi.map((x) => (x === null ? "–" : x.toPrecision(4))).join(", ")}]  ` +
          `${f.predictiveZ === null ? "–" : f.predictiveZ.toFixed(2)}\n`,
      );
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    out.write(
      `${result.runs} runs in ${(result.elapsedMs / 1000).toFixed(1)} s; ${result.converged ? "converged" : "NOT converged"}\n` +
        `wrote ${files.join(", ")} to ${dir}\n`,
    );
  },
};
