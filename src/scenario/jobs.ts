import type { ModelParams } from "../model/params.js";
import { type Design, designPointAt, designPointCount, type Point } from "./designs/index.js";
import { describeValue, ScenarioError } from "./errors.js";
import type { ResolvedScenario } from "./load.js";
import { crnSeed, deriveSeed } from "./seeds.js";

/** One run: a parameter point of the design and a replication, with its own seed. */
export interface JobSpec {
  /** Sortable id, e.g. `p000012-r0003` (zero-padded to the plan's widths). */
  id: string;
  /** Index in the whole plan (not in the shard). */
  index: number;
  pointIndex: number;
  replication: number;
  seed: number;
  /** The design's values at this point (parameter path → value); `{}` without a design. */
  point: Record<string, number | boolean>;
}

export interface JobPlan {
  scenarioHash: string;
  /** Jobs in this plan (in this shard, when sharded). */
  count: number;
  /** Parameter points of the design. */
  points: number;
  replications: number;
  /** Job `index` of this plan, 0 ≤ index < count; computed on demand. */
  jobAt(index: number): JobSpec;
  /** The model parameters of a job: the scenario's, with the job's point applied. */
  paramsFor(job: JobSpec): ModelParams;
}

export interface Shard {
  /** 1-based shard number, 1 ≤ k ≤ n (as in `--shard 3/64`). */
  k: number;
  n: number;
}

/**
 * Lists the jobs of a scenario: points × replications, point-major (job index =
 * pointIndex · replications + replication). Nothing is stored per job.
 *
 * Seeds (see seedRule): replication r runs on crnSeed(seed, r) at every point, from the base seed
 * and the replication alone (common random numbers: the seed every scenario with that base seed
 * gets, so `compare`, `run` and a sweep's points share their luck and differences between points
 * are paired). With `commonRandomNumbers: false` a design's job seeds are
 * deriveSeed(scenario hash, pointIndex, replication) instead: independent points, the seeding of
 * sweeps made before the option (a design without the key gets common random numbers).
 *
 * Common random numbers are the default for every design. Grid and points designs are read as
 * contrasts between points. Saltelli's Sobol' estimators are built from f(A) − f(AB_i) and
 * Morris' elementary effects from differences along a trajectory: with independent seeds each
 * difference carries twice the run-to-run variance, which inflates every total index by about
 * σ²/V; with common seeds the noise the points share cancels. An LHS design is read as response
 * curves (partial dependence per parameter): common seeds keep the curves' shape free of the
 * noise between points, at the price that their level rests on `replications` seeds only (add
 * replications, or set false, when the level over many economies is what matters).
 *
 * A shard k/n holds the jobs whose index ≡ k−1 (mod n): shards are disjoint, cover every job, and
 * each gets a similar mix of points.
 */
export function planJobs(s: ResolvedScenario, opts: { shard?: Shard } = {}): JobPlan {
  const points = designPointCount(s.design);
  const replications = s.replications;
  const total = points * replications;
  const { k, n } = checkShard(opts.shard);
  const count = total > k - 1 ? Math.ceil((total - (k - 1)) / n) : 0;
  const pWidth = Math.max(6, String(Math.max(0, points - 1)).length);
  const rWidth = Math.max(4, String(Math.max(0, replications - 1)).length);
  const crn = s.design.kind === "single" || s.commonRandomNumbers;

  const jobAt = (i: number): JobSpec => {
    if (!Number.isInteger(i) || i < 0 || i >= count)
      throw new RangeError(`job ${i} is outside 0..${count - 1}`);
    const index = k - 1 + i * n;
    const pointIndex = Math.floor(index / replications);
    const replication = index % replications;
    return {
      id: `p${String(pointIndex).padStart(pWidth, "0")}-r${String(replication).padStart(rWidth, "0")}`,
      index,
      pointIndex,
      replication,
      seed: crn ? crnSeed(s.seed, replication) : deriveSeed(s.hash, pointIndex, replication),
      point: designPointAt(s.design, pointIndex),
    };
  };

  return {
    scenarioHash: s.hash,
    count,
    points,
    replications,
    jobAt,
    paramsFor: (job) => applyPoint(s.params, job.point),
  };
}

/** How a scenario's job seeds are made, in words, for manifests (see planJobs). */
export function seedRule(s: Pick<ResolvedScenario, "design" | "commonRandomNumbers">): string {
  if (s.design.kind === "single") return "seed of replication r = crnSeed(base, r)";
  return s.commonRandomNumbers
    ? "seed of (point p, replication r) = crnSeed(base, r): common random numbers across points"
    : "seed of (point p, replication r) = deriveSeed(scenario hash, p, r)";
}

/** The `seeds` record of a results manifest: base seed, replications and seeding. */
export function describeSeeds(s: ResolvedScenario) {
  return {
    base: s.seed,
    replications: s.replications,
    commonRandomNumbers: s.design.kind === "single" || s.commonRandomNumbers,
    rule: seedRule(s),
  };
}

function checkShard(shard: Shard | undefined): Shard {
  if (!shard) return { k: 1, n: 1 };
  const { k, n } = shard;
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(k) || k < 1 || k > n) {
    throw new ScenarioError([
      {
        path: "--shard",
        message: `${describeValue(k)}/${describeValue(n)} is out of range: expected K/N with integers 1 ≤ K ≤ N`,
      },
    ]);
  }
  return { k, n };
}

/** A copy of `params` with the point's values set (values were checked with the design). */
export function applyPoint(params: ModelParams, point: Point): ModelParams {
  const entries = Object.entries(point);
  if (entries.length === 0) return params;
  const copy = structuredClone(params) as Record<string, unknown>;
  for (const [path, value] of entries) {
    const segs = path.split(".");
    let node = copy;
    for (const seg of segs.slice(0, -1)) node = node[seg] as Record<string, unknown>;
    node[segs[segs.length - 1]] = value;
  }
  return copy as ModelParams;
}

export type { Design };
