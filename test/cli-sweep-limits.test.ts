import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxWorkerCount } from "../src/engine/pool.js";
import { cli, requireBuild } from "./engine-helpers.js";

/**
 * Flags that size the pool and its clock, refused (exit 2) before anything runs: --workers (and
 * the worker's --concurrency) past 4 threads per core, where a 2-core machine ran out of memory
 * at 64 and hung at 1e12; --timeout-per-run that Node's timers cannot hold (over 2^31 - 1 ms
 * fires at once) or under a millisecond (none at all on the queue).
 */
let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-limits-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("sweep --workers and --timeout-per-run", () => {
  const sweep = (flag: string, value: string) =>
    cli([
      "sweep",
      "scenarios/baseline.yaml",
      "--ticks",
      "2",
      "--firms",
      "10",
      flag,
      value,
      "--out",
      join(tmp, "bad"),
    ]);

  it("refuses more threads than 4 per core with exit 2 before anything runs", () => {
    const r = sweep("--workers", String(maxWorkerCount() + 1));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--workers ${maxWorkerCount() + 1}: at most ${maxWorkerCount()} here`);
    const huge = sweep("--workers", "1e12");
    expect(huge.code, huge.stderr).toBe(2);
    expect(huge.stderr).toMatch(/--workers:? 1e12/);
  });

  it("refuses a time limit that a timer cannot hold, or under a millisecond, with exit 2", () => {
    for (const t of ["1e-9", "1e12", "3000000"]) {
      const r = sweep("--timeout-per-run", t);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--timeout-per-run \S+: expected seconds in \[0\.001, 2147483\]/);
    }
    for (const t of ["0", "-1", "NaN"]) {
      const r = sweep("--timeout-per-run", t);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--timeout-per-run/);
    }
  });
});

describe("worker --concurrency", () => {
  it("refuses more threads than 4 per core with exit 2 before connecting", () => {
    const n = maxWorkerCount() + 1;
    const r = cli(["worker", "--backend", "redis://127.0.0.1:1/0", "--concurrency", String(n)]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--concurrency ${n}: at most ${maxWorkerCount()} here`);
  });
});
