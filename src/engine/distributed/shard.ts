import type { Shard } from "../../scenario/index.js";
import { BackendError } from "./url.js";

/**
 * `--shard K/N`: this process runs the jobs whose plan index ≡ K−1 (mod N) (see planJobs), into
 * its own results directory; `ecosim merge` joins the N directories. Shards are deterministic,
 * disjoint and cover the plan, so they suit Slurm array jobs, Kubernetes indexed jobs and
 * GNU parallel, where each task knows only its index.
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new BackendError(`--shard ${text}: expected K/N, e.g. --shard 3/64 (K from 1 to N)`);
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || k < 1 || k > n) throw new BackendError(`--shard ${text}: expected 1 ≤ K ≤ N`);
  return { k, n };
}
