import type { Executor, JobTask } from "./types.js";

/**
 * Runs a list of tasks on an executor, about 2 × its concurrency in flight, and hands each
 * finished run to `onDone` as it completes (compare and validate save it there). Unlike
 * runSweep, a failed run is not retried or recorded: it fails the whole list, since the
 * analysis needs every run. An abort of `signal` stops dispatching and abandons the runs in
 * flight (they run again on --resume).
 */
export interface RunTasksOptions<T> {
  executor: Executor;
  signal: AbortSignal;
  /** The task of an item. */
  task: (item: T) => JobTask;
  /** Receives each finished run; an error it throws (a full disk) stops the list. */
  onDone: (item: T, buffer: Float64Array) => void;
  /** The error a failed run fails the list with (default: the run's own). */
  failure?: (item: T, err: unknown) => Error;
}

/**
 * Returns true when the signal stopped it, false when every item is done; throws the first
 * failure (once the runs in flight have settled, so every finished run has been handed over).
 */
export async function runTasks<T>(items: readonly T[], options: RunTasksOptions<T>): Promise<boolean> {
  const { executor, signal } = options;
  if (signal.aborted) return true;
  if (items.length === 0) return false;
  const inner = new AbortController();
  const onAbort = () => inner.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  let next = 0;
  let failure: Error | null = null;
  const lane = async () => {
    while (next < items.length && !inner.signal.aborted) {
      const item = items[next++];
      let buffer: Float64Array;
      try {
        buffer = await executor.run(options.task(item), inner.signal);
      } catch (err) {
        if (signal.aborted) return;
        failure ??= options.failure
          ? options.failure(item, err)
          : err instanceof Error
            ? err
            : new Error(String(err));
        inner.abort(failure);
        return;
      }
      try {
        options.onDone(item, buffer);
      } catch (err) {
        // the run finished but could not be saved: stop, keeping what is saved
        failure ??= err instanceof Error ? err : new Error(String(err));
        inner.abort(failure);
        return;
      }
    }
  };
  try {
    const lanes = Math.max(1, Math.min(executor.concurrency * 2, items.length));
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  if (failure) throw failure;
  return signal.aborted;
}
