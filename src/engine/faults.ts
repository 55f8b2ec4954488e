import type { JobTask, TestFault } from "./types.js";

/**
 * Test-only fault injection. Nothing here runs unless the environment variable
 * ECOSIM_TEST_FAULTS is set, e.g. `ECOSIM_TEST_FAULTS="p000000-r0001=exit,p000000-r0002=throw@1"`:
 * job p000000-r0001 kills its worker on every attempt, p000000-r0002 throws on its first attempt
 * only; `*` names every job. Faults: throw (the model throws), exit (process.exit in the worker),
 * oom (allocate until the worker's heap limit), hang (never return; for timeouts), slow (wait
 * 150 ms, then run normally; makes interrupt tests independent of the model's speed).
 */
export const TEST_FAULTS_ENV = "ECOSIM_TEST_FAULTS";

const FAULTS: readonly TestFault[] = ["throw", "exit", "oom", "hang", "slow"];
const SLOW_MS = 150;

/** The fault the environment asks for this task, or null (always null in normal use). */
export function testFaultFor(task: JobTask, env: NodeJS.ProcessEnv = process.env): TestFault | null {
  const spec = env[TEST_FAULTS_ENV];
  if (!spec) return null;
  for (const entry of spec.split(",")) {
    const m = /^\s*([^=\s]+)=(\w+)(?:@(\d+))?\s*$/.exec(entry);
    if (!m || (m[1] !== task.jobId && m[1] !== "*")) continue;
    const fault = m[2] as TestFault;
    if (!FAULTS.includes(fault)) throw new Error(`${TEST_FAULTS_ENV}: unknown fault "${m[2]}"`);
    if (m[3] !== undefined && Number(m[3]) !== task.attempt) continue;
    return fault;
  }
  return null;
}

/** Carries out the fault the environment asks for this task, if any; returns only for "slow". */
export function applyTestFault(task: JobTask, inWorker: boolean): void {
  const fault = testFaultFor(task);
  if (fault) injectFault(fault, inWorker);
}

function injectFault(fault: TestFault, inWorker: boolean): void {
  switch (fault) {
    case "slow":
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SLOW_MS);
      return;
    case "throw":
      throw new Error("injected test fault: throw");
    case "exit":
      if (!inWorker) throw new Error("injected test fault: exit (refused outside a worker)");
      process.exit(7);
      break;
    case "oom": {
      if (!inWorker) throw new Error("injected test fault: oom (refused outside a worker)");
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array(1 << 20).fill(hoard.length));
    }
    case "hang": {
      if (!inWorker) throw new Error("injected test fault: hang (refused outside a worker)");
      const cell = new Int32Array(new SharedArrayBuffer(4));
      for (;;) Atomics.wait(cell, 0, 0, 1000);
    }
  }
  throw new Error(`unknown fault ${String(fault)}`);
}
