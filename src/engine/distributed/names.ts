import { planHash } from "../manifest.js";
import type { SweepPlan } from "../types.js";

/**
 * Names in Redis. Each sweep has its own BullMQ queue, named after the sweep (scenario name and
 * plan hash), and each attempt of a job has a deterministic BullMQ job id (plan hash, job id,
 * attempt), so enqueueing the same attempt twice (a restarted coordinator) is a no-op.
 * Workers find the queues of running sweeps in one sorted set (member: queue name, score: the
 * coordinator's last heartbeat in ms).
 */

/** The sorted set of the queues of running sweeps. */
export const REGISTRY_KEY = "ecosim:queues";

/** The BullMQ job name of a sweep job (the only one a worker accepts). */
export const JOB_NAME = "run";

/** Queue names: `ecosim-<scenario slug>-<plan hash>`. */
export const QUEUE_NAME_PATTERN = /^ecosim-[a-z0-9-]{0,40}-[0-9a-f]{16}$/;

/** The queue of a sweep: its scenario's name (slugged) and its plan hash. */
export function queueNameFor(scenarioName: string, plan: SweepPlan): string {
  const slug = scenarioName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return `ecosim-${slug}-${planHash(plan)}`;
}

/** The plan hash a queue name ends with (what a job payload's `sweep` must equal). */
export function sweepOfQueue(queueName: string): string {
  return queueName.slice(-16);
}

/** BullMQ job id of one attempt of one job. */
export function bullJobId(sweep: string, jobId: string, attempt: number): string {
  return `${sweep}-${jobId}-a${attempt}`;
}
