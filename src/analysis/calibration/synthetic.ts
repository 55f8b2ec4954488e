import type { ModelParams } from "../../model/params.js";
import { applyPoint } from "../../scenario/jobs.js";
import { deriveSeed } from "../../scenario/seeds.js";
import { MOMENT_IDS, momentIndex, unpackMoments } from "./moments.js";
import type { TargetsFile } from "./targets.js";
import { executeMomentsJob } from "./worker.js";

/**
 * Synthetic data for the recovery check: the model run at known parameters on `observations`
 * seeds of its own (never the calibration's common seeds), each moment's value the mean over
 * them and its standard error their s.d./√observations — data whose truth is known and whose
 * stated uncertainty is right, which the calibration must then recover.
 */
export interface SyntheticOptions {
  truth: Record<string, number>;
  /** Identifies the dataset: its seeds are deriveSeed("synthetic", dataset, k). */
  dataset: number;
  observations: number;
}

export function syntheticTargets(
  targets: TargetsFile,
  params: ModelParams,
  o: SyntheticOptions,
): TargetsFile {
  const p = applyPoint(params, o.truth);
  p.firms = targets.economy.firms;
  p.ticks = targets.economy.ticks;
  const runs: Float64Array[] = [];
  for (let k = 0; k < o.observations; k++) {
    const buffer = executeMomentsJob({
      jobId: `synthetic-${o.dataset}-${k}`,
      attempt: 1,
      params: p,
      seed: deriveSeed("synthetic", o.dataset, k),
      recordFirms: true,
      checkBooks: false,
      burnIn: targets.economy.burnIn,
    });
    runs.push(unpackMoments(buffer).moments);
  }
  // a moment the model's runs do not define at this size (survival after 10 years in a 10-year
  // run) has no synthetic value and is left out
  const defined = targets.moments.filter(
    (m) => runs.filter((r) => Number.isFinite(r[momentIndex(m.id)!])).length >= 2,
  );
  if (!defined.some((m) => !m.heldOut)) throw new Error("synthetic data: no fitted moment is defined");
  const moments = defined.map((m) => {
    const k = momentIndex(m.id)!;
    const xs = runs.map((r) => r[k]).filter(Number.isFinite);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    return { ...m, value: mean, se: Math.max(sd / Math.sqrt(xs.length), 1e-9), band: undefined };
  });
  return { ...targets, name: `${targets.name}-synthetic-${o.dataset}`, moments };
}

export { MOMENT_IDS };
