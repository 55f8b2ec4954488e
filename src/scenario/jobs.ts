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
 * Seeds: with a design (grid, points, lhs, sobol) job seeds are
 * deriveSeed(scenario hash, pointIndex, replication), from those alone; without a design the
 * seed of replication r is crnSeed(seed, r), the same for every scenario with the same base seed,
 * so `compare` gets common random numbers.
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
  const single = s.design.kind === "single";

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
      seed: single ? crnSeed(s.seed, replication) : deriveSeed(s.hash, pointIndex, replication),
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
