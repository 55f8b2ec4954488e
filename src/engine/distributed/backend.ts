import { planHash } from "../manifest.js";
import type { SweepPlan } from "../types.js";
import { createQueueExecutor, type QueueExecutor, type QueueExecutorEvent } from "./coordinator.js";
import { queueNameFor } from "./names.js";
import { redactUrl, resolveRedisUrl } from "./url.js";

/** What `ecosim sweep --backend …` runs on: the queue executor and how to name it (redacted). */
export interface Backend {
  executor: QueueExecutor;
  /** e.g. "queue ecosim-baseline-0123456789abcdef on redis://:***@host:6379/0" */
  description: string;
}

/**
 * Opens the backend named by `--backend` (null without one): the sweep's BullMQ queue on Redis.
 * `timeoutS` is the per-run limit the workers enforce; `log` receives lines about the queue
 * (reconnections, jobs re-enqueued after Redis lost them), passwords redacted.
 */
export async function openBackend(
  given: string | undefined,
  scenarioName: string,
  plan: SweepPlan,
  timeoutS: number | undefined,
  log: (line: string) => void = () => {},
): Promise<Backend | null> {
  if (given === undefined) return null;
  const url = resolveRedisUrl(given);
  const queueName = queueNameFor(scenarioName, plan);
  const executor = await createQueueExecutor({
    url,
    queueName,
    sweep: planHash(plan),
    timeoutMs: timeoutS ? Math.round(timeoutS * 1000) : 0,
    onEvent: (e) => log(describeQueueEvent(e)),
  });
  return { executor, description: `queue ${queueName} on ${redactUrl(url)}` };
}

export function describeQueueEvent(e: QueueExecutorEvent): string {
  switch (e.type) {
    case "reenqueued":
      return `redis: ${e.count} jobs had vanished from Redis (restarted empty?); enqueued them again`;
    case "connection-error":
      return `redis: ${e.message}`;
  }
}
