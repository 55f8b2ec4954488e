import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunRecord } from "../src/engine/types.js";
import { cli, cliInterrupted, readLines, requireBuild, sortedRuns } from "./engine-helpers.js";

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cli-sweep-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const common = ["sweep", "scenarios/baseline.yaml", "--ticks", "6", "--firms", "200"];
/** Every job waits 150 ms in its worker, so an interrupt lands mid-sweep whatever the model's speed. */
const SLOW = { ECOSIM_TEST_FAULTS: "*=slow" };

describe("ecosim sweep", () => {
  it("gives identical runs with 1 and 2 workers, and Parquet tables with the same rows", async () => {
    const w1 = join(tmp, "w1");
    const w2 = join(tmp, "w2");
    const r1 = cli([...common, "--replications", "8", "--workers", "1", "--out", w1]);
    expect(r1.stderr).toBe("");
    expect(r1.code).toBe(0);
    expect(r1.stdout).toMatch(/8 runs in/);
    expect(cli([...common, "--replications", "8", "--workers", "2", "--out", w2]).code).toBe(0);
    expect(readLines(join(w1, "runs.jsonl")).length).toBe(8);
    expect(sortedRuns(w1)).toBe(sortedRuns(w2));
    for (const f of ["runs.parquet", "ticks.parquet", "runs.csv", "manifest.json"])
      expect(existsSync(join(w1, f))).toBe(true);

    const records = readLines(join(w1, "runs.jsonl")).map((l) => JSON.parse(l) as RunRecord);
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(join(w1, "runs.parquet")) });
    expect(rows.map((r) => r.id)).toEqual(records.map((r) => r.id));
    records.forEach((r, i) => {
      expect(Number(rows[i].seed)).toBe(r.seed);
      for (const [k, v] of Object.entries(r.summary ?? {})) expect(rows[i][k] ?? null).toBe(v);
    });
    const ticks = await parquetReadObjects({
      file: await asyncBufferFromFile(join(w1, "ticks.parquet")),
      columns: ["id", "tick", "firms"],
    });
    expect(ticks.length).toBe(8 * 6);
    const last = ticks.filter((t) => t.id === records[3].id).at(-1)!;
    expect(last.tick).toBe(5);
    expect(last.firms).toBe(records[3].summary?.firms);
  });

  it("stops on SIGINT with exit 130, prints how to resume, and resumes to the uninterrupted result", async () => {
    const args = [...common, "--replications", "12", "--workers", "2"];
    const full = join(tmp, "full12");
    expect(cli([...args, "--out", full]).code).toBe(0);
    const dir = join(tmp, "int");
    const started = performance.now();
    const r = await cliInterrupted([...args, "--out", dir], join(dir, "runs.jsonl"), 3, "SIGINT", SLOW);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted by SIGINT/);
    expect(r.stderr).toContain(`--out ${dir} --resume`);
    const saved = readLines(join(dir, "runs.jsonl")).length;
    expect(saved).toBeGreaterThanOrEqual(r.linesAtSignal);
    expect(saved).toBeLessThan(12);
    const resumed = cli([...args, "--out", dir, "--resume"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`resuming: ${saved} runs already done`));
    expect(sortedRuns(dir)).toBe(sortedRuns(full));
    expect(readFileSync(join(dir, "runs.jsonl"), "utf8")).toBe(
      readFileSync(join(full, "runs.jsonl"), "utf8"),
    );
  });

  it("survives SIGKILL and a torn last line; SIGTERM exits 143", async () => {
    const args = [...common, "--replications", "12", "--workers", "2"];
    const full = join(tmp, "full12"); // written by the previous test
    const dir = join(tmp, "kill");
    const killed = await cliInterrupted([...args, "--out", dir], join(dir, "runs.jsonl"), 2, "SIGKILL", SLOW);
    expect(killed.signal).toBe("SIGKILL");
    appendFileSync(join(dir, "runs.jsonl"), '{"id":"p000000-r00');
    const term = await cliInterrupted(
      [...args, "--out", dir, "--resume"],
      join(dir, "runs.jsonl"),
      5,
      "SIGTERM",
      SLOW,
    );
    expect(term.code).toBe(143);
    expect(term.stdout).toMatch(/cut a torn last line/);
    expect(cli([...args, "--out", dir, "--resume"]).code).toBe(0);
    expect(sortedRuns(dir)).toBe(sortedRuns(full));
  });

  it("retries a job that kills its worker, reports it, and exits non-zero when it fails for good", () => {
    const args = [...common, "--replications", "4", "--workers", "2"];
    const dir = join(tmp, "crash");
    const r = cli([...args, "--out", dir], { ECOSIM_TEST_FAULTS: "p000000-r0001=exit,p000000-r0002=exit@1" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 of 4 runs failed for good/);
    expect(r.stderr).toMatch(/p000000-r0001 \(2 attempts\): worker exited with code: 7/);
    expect(r.stdout).toMatch(/p000000-r0002 failed \(worker exited with code: 7\); retrying/);
    const byId = new Map(readLines(join(dir, "runs.jsonl")).map((l) => [JSON.parse(l).id, JSON.parse(l)]));
    expect(byId.get("p000000-r0001")).toMatchObject({ status: "failed", attempts: 2, summary: null });
    expect(byId.get("p000000-r0002")).toMatchObject({ status: "ok", attempts: 2 });
    // the failed job reruns on --resume
    const again = cli([...args, "--out", dir, "--resume"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/1 failed runs to retry/);
    expect(readLines(join(dir, "runs.jsonl")).every((l) => JSON.parse(l).status === "ok")).toBe(true);
  });

  it("refuses a completed directory without --resume and another scenario's directory (exit 2)", () => {
    const dir = join(tmp, "w1"); // complete, from the first test
    const again = cli([...common, "--replications", "8", "--out", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/completed sweep.*--resume.*--out/);
    const nothing = cli([...common, "--replications", "8", "--out", dir, "--resume"]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toMatch(/nothing to do/);
    const other = join(tmp, "other.yaml");
    writeFileSync(other, "extends: baseline\nname: other\ninstruments:\n  grants:\n    enabled: true\n");
    const mixed = cli([
      "sweep",
      other,
      "--ticks",
      "6",
      "--firms",
      "200",
      "--replications",
      "8",
      "--out",
      dir,
      "--resume",
    ]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/another scenario/);
    const moreTicks = cli([
      "sweep",
      "scenarios/baseline.yaml",
      "--ticks",
      "7",
      "--firms",
      "200",
      "--out",
      dir,
      "--resume",
    ]);
    expect(moreTicks.code).toBe(2);
    expect(readLines(join(dir, "runs.jsonl")).length).toBe(8);
  });
});
