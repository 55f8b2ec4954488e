import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { decodeJobOutput } from "../../engine/job.js";
import { createPool } from "../../engine/pool.js";
import type { Executor, JobTask } from "../../engine/types.js";
import type { ModelParams } from "../../model/params.js";
import { applyPoint } from "../../scenario/jobs.js";
import { paramAt } from "../../scenario/paramTree.js";
import { crnSeed } from "../../scenario/seeds.js";
import { studentTQuantile } from "../intervals.js";
import { rngFor, systematicResample } from "./abc.js";

/**
 * Levers vs uncertainties. A scenario's levers are the instruments it sets; its uncertainties are
 * the behavioural parameters nobody chooses and nobody knows exactly: an `uncertainties:` block
 *
 *   uncertainties:
 *     sample: posterior.csv          # weighted parameter sample (ecosim calibrate); relative path
 *     weights: weight                # its weight column (default: equal weights)
 *     parameters:                    # uniform ranges, for parameters the sample does not hold
 *       market.nicheShockSd: { uniform: [0.1, 0.2] }
 *
 * (calibrate writes one as uncertainties.yaml). compareWithUncertainty runs a nested design —
 * K parameter draws × R common seeds × every mix — and gives each effect two intervals: over
 * seeds only (parameters fixed, what a plain compare reports) and over seeds and parameters (law
 * of total variance), the probability that each mix beats the baseline, and that mix A beats B.
 */
export interface UncertaintySpec {
  /** Weighted parameter sample: rows of path → value. */
  sample?: { file: string; rows: Record<string, number>[]; weights: number[] };
  /** Uniform ranges of the parameters the sample does not hold. */
  uniform: Record<string, [number, number]>;
  source?: string;
}

export class UncertaintyError extends Error {
  readonly exitCode = 2;
}

function parseCsv(text: string): { header: string[]; rows: number[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
  return { header, rows: lines.slice(1).map((l) => l.split(",").map(Number)) };
}

/** Reads a weighted sample file (CSV with a header; ecosim calibrate's posterior.csv). */
export function readSample(file: string, weightColumn = "weight"): NonNullable<UncertaintySpec["sample"]> {
  if (!existsSync(file)) throw new UncertaintyError(`${file}: no such sample file`);
  const { header, rows } = parseCsv(readFileSync(file, "utf8"));
  const w = header.indexOf(weightColumn);
  const cols = header
    .map((h, i) => [h, i] as const)
    .filter(([h]) => {
      const info = paramAt(h);
      return info !== undefined && info.type !== "boolean";
    });
  if (cols.length === 0) throw new UncertaintyError(`${file}: no column is a model parameter path`);
  const out: Record<string, number>[] = [];
  const weights: number[] = [];
  for (const r of rows) {
    const weight = w >= 0 ? r[w] : 1;
    if (!(weight >= 0) || cols.some(([, i]) => !Number.isFinite(r[i]))) continue;
    out.push(Object.fromEntries(cols.map(([h, i]) => [h, r[i]])));
    weights.push(weight);
  }
  const s = weights.reduce((a, b) => a + b, 0);
  if (!(s > 0)) throw new UncertaintyError(`${file}: no row with a positive weight`);
  return { file, rows: out, weights: weights.map((x) => x / s) };
}

/**
 * The uncertainties of a block (a scenario's `uncertainties:` value, or the top of an
 * uncertainties.yaml), its relative paths resolved from `file`'s folder.
 */
export function uncertaintiesFromBlock(block: unknown, file: string): UncertaintySpec {
  if (typeof block !== "object" || block === null || Array.isArray(block))
    throw new UncertaintyError(`${file}: uncertainties: expected a mapping with sample and/or parameters`);
  const b = block as Record<string, unknown>;
  const spec: UncertaintySpec = { uniform: {} };
  if (typeof b.source === "string") spec.source = b.source;
  if (b.sample !== undefined) {
    if (typeof b.sample !== "string")
      throw new UncertaintyError(`${file}: uncertainties.sample: expected a file`);
    spec.sample = readSample(
      resolve(dirname(file), b.sample),
      typeof b.weights === "string" ? b.weights : "weight",
    );
  }
  const params = b.parameters ?? {};
  if (typeof params !== "object" || params === null || Array.isArray(params))
    throw new UncertaintyError(`${file}: uncertainties.parameters: expected path → { uniform: [lo, hi] }`);
  for (const [path, v] of Object.entries(params as Record<string, unknown>)) {
    const info = paramAt(path);
    if (!info || info.type === "boolean")
      throw new UncertaintyError(`${file}: uncertainties.parameters.${path}: not a numeric model parameter`);
    const range = Array.isArray(v) ? v : (v as { uniform?: unknown } | null)?.uniform;
    if (!(Array.isArray(range) && range.length === 2 && range[0] <= range[1]))
      throw new UncertaintyError(`${file}: uncertainties.parameters.${path}: expected { uniform: [lo, hi] }`);
    const [lo, hi] = range as [number, number];
    if ((info.min !== undefined && lo < info.min) || (info.max !== undefined && hi > info.max))
      throw new UncertaintyError(
        `${file}: uncertainties.parameters.${path}: [${lo}, ${hi}] leaves the bounds [${info.min}, ${info.max}]`,
      );
    spec.uniform[path] = [lo, hi];
  }
  if (!spec.sample && Object.keys(spec.uniform).length === 0)
    throw new UncertaintyError(`${file}: uncertainties: neither a sample nor any parameter range`);
  return spec;
}

/**
 * Reads `--uncertainty FILE`: a YAML file with an `uncertainties:` block (calibrate's
 * uncertainties.yaml, or a scenario that declares one), or a sample CSV directly.
 */
export function readUncertainties(file: string): UncertaintySpec {
  if (!existsSync(file)) throw new UncertaintyError(`${file}: no such file`);
  if (/\.csv$/i.test(file)) return { sample: readSample(file), uniform: {} };
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UncertaintyError(`${file}: invalid YAML: ${(e as Error).message}`);
  }
  const block = (doc as { uncertainties?: unknown } | null)?.uncertainties;
  if (block === undefined) throw new UncertaintyError(`${file}: no uncertainties: block`);
  return uncertaintiesFromBlock(block, file);
}

/**
 * `compare --uncertainty posterior`: the posterior of the calibration in `dir` (its
 * uncertainties.yaml); any other value is a file for readUncertainties.
 */
export function resolveUncertainty(value: string, calibrationDir = "results/calibration"): UncertaintySpec {
  if (value === "posterior") return readUncertainties(resolve(calibrationDir, "uncertainties.yaml"));
  return readUncertainties(value);
}

/**
 * K parameter draws, deterministic for the seed: the sample resampled by weight (systematic),
 * the uniform ranges stratified (a Latin hypercube); a parameter in both comes from the sample.
 */
export function drawUncertainParameters(
  spec: UncertaintySpec,
  k: number,
  seed: number,
): Record<string, number>[] {
  const draws: Record<string, number>[] = Array.from({ length: k }, () => ({}));
  if (spec.sample) {
    const rng = rngFor(seed, "uncertainty", "sample");
    const idx = systematicResample(spec.sample.weights, k, rng());
    // shuffle the (sorted) systematic indices so draws pair at random with the uniform strata
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    idx.forEach((row, d) => {
      Object.assign(draws[d], spec.sample!.rows[row]);
    });
  }
  for (const [path, [lo, hi]] of Object.entries(spec.uniform)) {
    if (spec.sample && path in (spec.sample.rows[0] ?? {})) continue;
    const rng = rngFor(seed, "uncertainty", path);
    const strata = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [strata[i], strata[j]] = [strata[j], strata[i]];
    }
    strata.forEach((s, d) => {
      draws[d][path] = lo + ((s + rng()) / k) * (hi - lo);
    });
  }
  return draws;
}

/** The scenario's parameters with one draw of the uncertain ones (the levers untouched). */
export function applyDraw(params: ModelParams, draw: Record<string, number>): ModelParams {
  return applyPoint(params, draw);
}

export interface UncertainMix {
  name: string;
  params: ModelParams;
}

export interface UncertainCompareOptions {
  baseline: UncertainMix;
  mixes: UncertainMix[];
  uncertainty: UncertaintySpec;
  /** Parameter draws K. */
  draws: number;
  /** Common seeds R per draw (crnSeed(seed, r)), shared by every mix and draw. */
  replications: number;
  seed: number;
  /** Summary keys (default innovations, output, employment). */
  outcomes?: string[];
  /** Outcomes where lower is better (for "beats"). */
  lowerIsBetter?: string[];
  workers?: number;
  executor?: Executor;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface UncertainEffect {
  mix: string;
  outcome: string;
  /** Mean paired effect over draws and seeds. */
  mean: number;
  /** Seeds only: mean ± t·√(W/KR), W the within-draw variance of one seed's effect. */
  seedOnly: [number, number];
  /**
   * Seeds and parameters: mean ± t·√(B + W/KR), B = max(0, Var_k(effect_k) − W/R) the spread of
   * the effect over the parameter draws (law of total variance).
   */
  seedAndParameter: [number, number];
  /** 5%–95% of the per-draw mean effects. */
  overDraws: [number, number];
  /** Share of the total variance due to the parameters, B/(B + W/KR). */
  parameterShare: number;
  /** Share of draws in which the mix beats the baseline. */
  probBeatsBaseline: number;
}

export interface UncertainComparison {
  draws: Record<string, number>[];
  seeds: number[];
  effects: UncertainEffect[];
  /** P(A beats B) over draws, per outcome. */
  rankStability: { outcome: string; a: string; b: string; probABeatsB: number }[];
  runs: number;
}

const t975 = (df: number) => studentTQuantile(0.975, Math.max(1, df));

function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (h - lo);
}

/**
 * The two-band analysis from per-run outcomes: y[mix][draw][seed] (index 0 the baseline).
 * Exported for tests and for callers that ran the nested design themselves.
 */
export function twoBandEffects(
  names: readonly string[],
  outcome: string,
  y: readonly (readonly (readonly number[])[])[],
  lowerIsBetter = false,
): { effects: UncertainEffect[]; rank: UncertainComparison["rankStability"] } {
  const sign = lowerIsBetter ? -1 : 1;
  const k = y[0].length;
  const drawMeans: number[][] = [];
  const effects: UncertainEffect[] = [];
  for (let m = 1; m < names.length; m++) {
    const perDraw: number[] = [];
    const within: number[] = [];
    let r = 0;
    for (let d = 0; d < k; d++) {
      const diffs = y[m][d].map((v, s) => v - y[0][d][s]);
      r = diffs.length;
      perDraw.push(diffs.reduce((a, b) => a + b, 0) / diffs.length);
      within.push(variance(diffs));
    }
    drawMeans.push(perDraw);
    const mean = perDraw.reduce((a, b) => a + b, 0) / k;
    const w = within.reduce((a, b) => a + b, 0) / k;
    // B: spread of the effect over the parameter draws, net of the seed noise in each draw's mean
    const b = Math.max(0, variance(perDraw) - w / r);
    // seed noise of the grand mean over K·R seeds; the same multiplier for both bands
    const seedVar = w / (k * r);
    const mult = t975(Math.max(1, k * (r - 1)));
    const seedHalf = mult * Math.sqrt(seedVar);
    const totalHalf = mult * Math.sqrt(b + seedVar);
    effects.push({
      mix: names[m],
      outcome,
      mean,
      seedOnly: [mean - seedHalf, mean + seedHalf],
      seedAndParameter: [mean - totalHalf, mean + totalHalf],
      overDraws: [quantile(perDraw, 0.05), quantile(perDraw, 0.95)],
      parameterShare: b + seedVar > 0 ? b / (b + seedVar) : 0,
      probBeatsBaseline: perDraw.filter((x) => sign * x > 0).length / k,
    });
  }
  const rank: UncertainComparison["rankStability"] = [];
  for (let a = 0; a < drawMeans.length; a++)
    for (let c = 0; c < drawMeans.length; c++) {
      if (a === c) continue;
      const wins = drawMeans[a].filter((x, d) => sign * (x - drawMeans[c][d]) > 0).length;
      rank.push({ outcome, a: names[a + 1], b: names[c + 1], probABeatsB: wins / k });
    }
  return { effects, rank };
}

/** Runs the nested design (every mix × K draws × R common seeds) and the two-band analysis. */
export async function compareWithUncertainty(o: UncertainCompareOptions): Promise<UncertainComparison> {
  const outcomes = o.outcomes ?? ["innovations", "output", "employment"];
  const draws = drawUncertainParameters(o.uncertainty, o.draws, o.seed);
  const seeds = Array.from({ length: o.replications }, (_, r) => crnSeed(o.seed, r));
  const mixes = [o.baseline, ...o.mixes];
  const executor = o.executor ?? createPool({ workers: o.workers });
  const jobs: { m: number; d: number; s: number }[] = [];
  for (let m = 0; m < mixes.length; m++)
    for (let d = 0; d < draws.length; d++) for (let s = 0; s < seeds.length; s++) jobs.push({ m, d, s });
  const y: Record<string, number[][][]> = Object.fromEntries(
    outcomes.map((out) => [out, mixes.map(() => draws.map(() => seeds.map(() => Number.NaN)))]),
  );
  const controller = new AbortController();
  const signal = o.signal ?? controller.signal;
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, executor.concurrency) * 2 }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          const task: JobTask = {
            jobId: `u-m${job.m}-d${job.d}-r${job.s}`,
            attempt: 1,
            params: applyDraw(mixes[job.m].params, draws[job.d]),
            seed: seeds[job.s],
            recordFirms: outcomes.includes("smeSurvival"),
            checkBooks: false,
          };
          const { summary } = decodeJobOutput(await executor.run(task, signal));
          for (const out of outcomes) {
            const v = (summary as Record<string, number | null>)[out];
            if (v === undefined) throw new UncertaintyError(`${out} is not a summary key of a run`);
            y[out][job.m][job.d][job.s] = v ?? Number.NaN;
          }
          o.onProgress?.(++done, jobs.length);
        }
      }),
    );
  } finally {
    if (!o.executor) await executor.close();
  }
  const names = mixes.map((m) => m.name);
  const effects: UncertainEffect[] = [];
  const rankStability: UncertainComparison["rankStability"] = [];
  for (const out of outcomes) {
    const r = twoBandEffects(names, out, y[out], o.lowerIsBetter?.includes(out) ?? false);
    effects.push(...r.effects);
    rankStability.push(...r.rank);
  }
  return { draws, seeds, effects, rankStability, runs: jobs.length };
}
