import type { Argv, CommandModule } from "yargs";
import {
  DEFAULT_LOCK_DURATION_MS,
  DEFAULT_STALLED_INTERVAL_MS,
  type QueueWorkerEvent,
  REDIS_URL_ENV,
  redactUrl,
  resolveRedisUrl,
  startQueueWorker,
} from "../../engine/distributed/index.js";
import { defaultWorkerCount } from "../../engine/index.js";
import { maxWorkerCount } from "../../engine/pool.js";

interface WorkerArgs {
  backend?: string;
  concurrency?: number;
  queue?: string;
  "lock-duration": number;
  "stalled-interval": number;
  grace: number;
  quiet: boolean;
}

class UserError extends Error {
  readonly exitCode = 2;
}

/** `ecosim worker`: runs the jobs of Redis-backed sweeps on this machine until SIGTERM. */
export const workerCommand: CommandModule<object, WorkerArgs> = {
  command: "worker",
  describe: "Run jobs of Redis-backed sweeps (`sweep --backend redis://…`) on this machine",
  builder: (y: Argv<object>) =>
    y
      .option("backend", {
        type: "string",
        describe: `Redis URL redis://[user:password@]host:port/db or rediss://… (default: $${REDIS_URL_ENV})`,
      })
      .option("concurrency", {
        type: "number",
        describe: `Jobs run at once, one per worker thread (default: cores, here ${defaultWorkerCount()})`,
      })
      .option("queue", {
        type: "string",
        describe: "Serve this sweep's queue only (default: every running sweep)",
      })
      .option("lock-duration", {
        type: "number",
        default: DEFAULT_LOCK_DURATION_MS,
        describe: "ms after which the job of a worker that died goes back to the queue",
      })
      .option("stalled-interval", {
        type: "number",
        default: DEFAULT_STALLED_INTERVAL_MS,
        describe: "ms between checks for jobs of dead workers",
      })
      .option("grace", {
        type: "number",
        default: 30,
        describe: "Seconds running jobs may finish after SIGTERM before they go back to the queue",
      })
      .option("quiet", { type: "boolean", default: false, describe: "Print only problems, not each job" }),
  handler: async (args) => {
    const url = resolveRedisUrl(args.backend);
    const concurrency = args.concurrency ?? defaultWorkerCount();
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new UserError(`--concurrency ${args.concurrency}: expected an integer ≥ 1`);
    if (concurrency > maxWorkerCount()) {
      throw new UserError(
        `--concurrency ${args.concurrency}: at most ${maxWorkerCount()} here (4 threads per core, ${defaultWorkerCount()} cores)`,
      );
    }
    for (const flag of ["lock-duration", "stalled-interval"] as const) {
      if (!Number.isInteger(args[flag]) || args[flag] < 100)
        throw new UserError(`--${flag} ${args[flag]}: expected an integer number of ms ≥ 100`);
    }
    if (!(args.grace >= 0)) throw new UserError(`--grace ${args.grace}: expected seconds ≥ 0`);
    const out = process.stdout;
    const log = (line: string) => out.write(`${line}\n`);
    const onEvent = (e: QueueWorkerEvent) => {
      switch (e.type) {
        case "serving":
          return log(`serving sweep queue ${e.queue}`);
        case "left":
          return log(`left finished sweep queue ${e.queue}`);
        case "done":
          return args.quiet ? undefined : log(`${e.id} done in ${(e.ms / 1000).toFixed(2)} s`);
        case "failed":
          return log(`${e.id} failed: ${e.error}`);
        case "rejected":
          return process.stderr.write(`${e.queue} job ${e.id}: ${e.error}\n`);
        case "returned":
          return log(`${e.id} handed back to the queue`);
        case "connection-error":
          return process.stderr.write(`redis: ${e.message}\n`);
      }
    };
    const worker = await startQueueWorker({
      url,
      concurrency,
      queue: args.queue,
      lockDurationMs: args["lock-duration"],
      stalledIntervalMs: args["stalled-interval"],
      onEvent,
    });
    log(`worker ready: ${concurrency} threads on ${redactUrl(url)}; stop with SIGTERM or Ctrl-C`);

    await new Promise<void>((resolve) => {
      let stopping = false;
      const onSignal = (sig: NodeJS.Signals) => {
        if (stopping) {
          log(`${sig} again: handing running jobs back now`);
          void worker.stop(0);
          return;
        }
        stopping = true;
        log(`${sig}: taking no new jobs; running ones have ${args.grace} s to finish`);
        worker.stop(args.grace * 1000).then(
          () => resolve(),
          (err: unknown) => {
            process.stderr.write(`ecosim worker: ${(err as Error).message}\n`);
            resolve();
          },
        );
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
    });
    const s = worker.stats;
    log(
      `worker stopped: ${s.done} jobs done, ${s.failed} failed, ${s.rejected} rejected, ${s.returned} handed back`,
    );
    // Everything is closed or cut by now; a connection left reconnecting (Redis away) must not
    // keep the process alive.
    setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
  },
};
