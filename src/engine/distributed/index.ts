/**
 * Sweeps beyond one machine, on existing engines:
 *
 *   backend.ts      openBackend(): what `ecosim sweep --backend` runs on
 *   url.ts          the Redis URL (--backend or ECOSIM_REDIS_URL), its check and redaction
 *   names.ts        queue names (one BullMQ queue per sweep), job ids, the registry of sweeps
 *   payload.ts      what travels: a JSON job payload (validated by workers), base64 results
 *   coordinator.ts  createQueueExecutor(): an Executor on a BullMQ queue, driven by runSweep
 *   worker.ts       startQueueWorker(): BullMQ Workers running jobs on the local piscina pool
 *   shard.ts        parseShard("K/N") for batch schedulers (planJobs does the split)
 *   merge.ts        mergeParts(): the shards' results directories → one, checked
 *   bench.ts        benchQueue(): the Redis backend vs the local pool (`ecosim bench --redis`)
 */
export { type Backend, describeQueueEvent, openBackend } from "./backend.js";
export { benchQueue, describeQueueBench, type QueueBench, type QueueBenchOptions } from "./bench.js";
export {
  createQueueExecutor,
  type QueueExecutor,
  type QueueExecutorEvent,
  type QueueExecutorOptions,
} from "./coordinator.js";
export { MergeError, type MergeOptions, type MergeOutcome, mergeParts } from "./merge.js";
export { bullJobId, JOB_NAME, queueNameFor, REGISTRY_KEY, sweepOfQueue } from "./names.js";
export {
  decodeResult,
  encodeResult,
  jobPayload,
  MAX_PAYLOAD_BYTES,
  PAYLOAD_FORMAT,
  PayloadRejected,
  parseJobPayload,
} from "./payload.js";
export { parseShard } from "./shard.js";
export {
  BackendError,
  checkRedisUrl,
  REDIS_URL_ENV,
  redactArgv,
  redactSecrets,
  redactUrl,
  resolveRedisUrl,
} from "./url.js";
export {
  DEFAULT_LOCK_DURATION_MS,
  DEFAULT_STALLED_INTERVAL_MS,
  type QueueWorker,
  type QueueWorkerEvent,
  type QueueWorkerOptions,
  type QueueWorkerStats,
  startQueueWorker,
} from "./worker.js";
