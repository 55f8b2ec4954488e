import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The benchmark's fresh-process runner, which `ecosim bench` starts for its cold figures. */
describe("bench: the cold-run process", () => {
  it("runs the baseline in a fresh process and reports each run's time and work", () => {
    const script = join(import.meta.dirname, "..", "dist", "engine", "bench", "cold.js");
    const out = execFileSync(process.execPath, [script, "200", "6", "2"], { encoding: "utf8" });
    const runs = JSON.parse(out) as { seconds: number; cpuSeconds: number; firmTicks: number }[];
    expect(runs).toHaveLength(2);
    for (const r of runs) {
      expect(r.seconds).toBeGreaterThan(0);
      expect(r.cpuSeconds).toBeGreaterThan(0);
      // live firm-ticks: about 200 SMEs plus the lead firms, each of 6 quarters
      expect(r.firmTicks).toBeGreaterThan(6 * 150);
      expect(r.firmTicks).toBeLessThan(6 * 400);
    }
  });
});
