import type { RunResult } from "../../model/types.js";
import { aliveSizes, logGrowthRates } from "../stylized/growth.js";
import { innovationSurvey } from "../stylized/innovationSurvey.js";
import { littleGiantProfile } from "../stylized/littleGiants.js";
import { fitParetoTail } from "../stylized/pareto.js";
import { rdPersistence } from "../stylized/rdPersistence.js";
import { rdAndSize } from "../stylized/rdSize.js";
import { fitSubbotin } from "../stylized/subbotin.js";
import { cohortSurvival } from "../stylized/survival.js";
import { entryExitRates } from "../stylized/turnover.js";

/**
 * The stylized facts of one run, computed where the run happened (a worker thread), so that only
 * a few numbers and three short vectors cross to the main thread instead of the firm records.
 */
export const FACT_KEYS = [
  "paretoAlpha",
  "paretoAlphaSe",
  "paretoXmin",
  "paretoTail",
  "paretoKs",
  "subbotinB",
  "subbotinA",
  "subbotinLogLikGain",
  "growthObservations",
  "survival1",
  "survival2",
  "survival5",
  "survival10",
  "entrants",
  "entryRate",
  "exitRate",
  "netRate",
  "rdParticipationSlope",
  "rdParticipationSe",
  "rdShareQ1",
  "rdShareQ4",
  "rdIntensitySlope",
  "rdIntensitySe",
  "rdPerformers",
  "rdPersistence",
  "rdUnconditional",
  "littleGiants",
  "littleGiantRdIntensity",
  "littleGiantRdStaffShare",
  "innovationActiveShare",
  "universityCooperationShare",
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export const FACT_VECTORS = ["sizes", "growth", "survival"] as const;
export type FactVector = (typeof FACT_VECTORS)[number];

export interface RunFacts {
  facts: Record<FactKey, number>;
  vectors: Record<FactVector, Float64Array>;
}

export interface FactOptions {
  /** Ticks before which the run is a burn-in: cohorts and yearly rates start here. */
  burnIn: number;
}

/** Everything `validate` measures on one run (NaN where the run has no firm records or no data). */
export function runFacts(result: RunResult, options: FactOptions): RunFacts {
  const facts = Object.fromEntries(FACT_KEYS.map((k) => [k, Number.NaN])) as Record<FactKey, number>;
  const empty = new Float64Array(0);
  const vectors: Record<FactVector, Float64Array> = { sizes: empty, growth: empty, survival: empty };
  const turnover = entryExitRates(result.series, { fromTick: options.burnIn });
  facts.entryRate = turnover.entryRate;
  facts.exitRate = turnover.exitRate;
  facts.netRate = turnover.netRate;
  const f = result.firms;
  if (!f) return { facts, vectors };
  const end = result.ticks;

  const sizes = aliveSizes(f);
  const pareto = fitParetoTail(sizes);
  facts.paretoAlpha = pareto.alpha;
  facts.paretoAlphaSe = pareto.alphaSe;
  facts.paretoXmin = pareto.xmin;
  facts.paretoTail = pareto.nTail;
  facts.paretoKs = pareto.ks;

  const growth = logGrowthRates(f, { demean: true });
  const sub = fitSubbotin(growth);
  facts.subbotinB = sub.b;
  facts.subbotinA = sub.a;
  facts.subbotinLogLikGain = sub.n > 0 ? (sub.logLik - sub.logLikGaussian) / sub.n : Number.NaN;
  facts.growthObservations = growth.length;

  const curve = cohortSurvival(f, { endTick: end, fromTick: options.burnIn });
  const at = (y: number) => (y < curve.survival.length ? curve.survival[y] : Number.NaN);
  facts.survival1 = at(1);
  facts.survival2 = at(2);
  facts.survival5 = at(5);
  facts.survival10 = at(10);
  facts.entrants = curve.entrants;

  const rd = rdAndSize(f);
  facts.rdParticipationSlope = rd.participation.slope;
  facts.rdParticipationSe = rd.participation.slopeSe;
  facts.rdShareQ1 = rd.shareByQuartile[0];
  facts.rdShareQ4 = rd.shareByQuartile[3];
  facts.rdIntensitySlope = rd.intensity.slope;
  facts.rdIntensitySe = rd.intensity.slopeSe;
  facts.rdPerformers = rd.performers;

  const persistence = rdPersistence(f);
  facts.rdPersistence = persistence.persistence;
  facts.rdUnconditional = persistence.unconditional;

  const lg = littleGiantProfile(f);
  facts.littleGiants = lg.firms;
  facts.littleGiantRdIntensity = lg.rdIntensity;
  facts.littleGiantRdStaffShare = lg.rdStaffShare;

  const cis = innovationSurvey(f, end);
  facts.innovationActiveShare = cis.innovationActiveShare;
  facts.universityCooperationShare = cis.universityCooperationShare;

  vectors.sizes = sizes;
  vectors.growth = growth;
  vectors.survival = Float64Array.from(curve.survival);
  return { facts, vectors };
}

/**
 * Packs facts in front of another buffer (the engine's job output) as one Float64Array:
 * [facts in FACT_KEYS order] [for each of FACT_VECTORS: length, values] [rest].
 */
export function packFacts(facts: RunFacts, rest: Float64Array): Float64Array {
  let size = FACT_KEYS.length + rest.length;
  for (const v of FACT_VECTORS) size += 1 + facts.vectors[v].length;
  const out = new Float64Array(size);
  let k = 0;
  for (const key of FACT_KEYS) out[k++] = facts.facts[key];
  for (const v of FACT_VECTORS) {
    out[k++] = facts.vectors[v].length;
    out.set(facts.vectors[v], k);
    k += facts.vectors[v].length;
  }
  out.set(rest, k);
  return out;
}

/** Inverse of packFacts: the facts and the rest (a view). */
export function unpackFacts(buffer: Float64Array): { facts: RunFacts; rest: Float64Array } {
  let k = 0;
  const facts = {} as Record<FactKey, number>;
  for (const key of FACT_KEYS) facts[key] = buffer[k++];
  const vectors = {} as Record<FactVector, Float64Array>;
  for (const v of FACT_VECTORS) {
    const n = buffer[k++];
    if (!(Number.isInteger(n) && n >= 0 && k + n <= buffer.length)) throw new Error("malformed facts buffer");
    vectors[v] = buffer.slice(k, k + n);
    k += n;
  }
  return { facts: { facts, vectors }, rest: buffer.subarray(k) };
}
