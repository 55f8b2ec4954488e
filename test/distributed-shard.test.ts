import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, readLines, requireBuild, sortedRuns } from "./engine-helpers.js";

/**
 * Shards for batch schedulers: `sweep --shard K/N` runs a deterministic part of the jobs, and
 * `merge` joins the parts into the files of the whole sweep, or names what is missing or doubled.
 */
const SWEEP = [
  "scenarios/baseline.yaml",
  "--ticks",
  "5",
  "--firms",
  "50",
  "--replications",
  "7",
  "--workers",
  "1",
];
const COUNT = 7;
const N = 3;

describe("sharded sweeps and merge", () => {
  let tmp: string;
  let local: string;
  const part = (k: number) => join(tmp, `part-${k}`);

  beforeAll(() => {
    requireBuild();
    tmp = mkdtempSync(join(tmpdir(), "ecosim-shard-"));
    local = join(tmp, "local");
    const r = cli(["sweep", ...SWEEP, "--out", local]);
    expect(r.code, r.stderr).toBe(0);
    for (let k = 1; k <= N; k++) {
      const s = cli(["sweep", ...SWEEP, "--shard", `${k}/${N}`, "--out", part(k)]);
      expect(s.code, s.stderr).toBe(0);
      expect(s.stdout).toContain(`shard ${k}/${N}`);
    }
  });

  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it("splits the jobs into disjoint shards that cover the sweep", () => {
    const ids = [1, 2, 3].map((k) =>
      readLines(join(part(k), "runs.jsonl")).map((l) => JSON.parse(l).id as string),
    );
    expect(ids.map((a) => a.length)).toEqual([3, 2, 2]);
    const all = ids.flat();
    expect(new Set(all).size).toBe(COUNT);
    expect(ids[0]).toEqual(["p000000-r0000", "p000000-r0003", "p000000-r0006"]);
  });

  it("merges N parts into the files of the local sweep, byte for byte", () => {
    const out = join(tmp, "merged");
    const r = cli(["merge", part(3), part(1), part(2), "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/merged 3 parts: 7 runs/);
    expect(sortedRuns(out)).toBe(sortedRuns(local));
    for (const f of ["runs.jsonl", "runs.csv", "runs.parquet", "ticks.parquet"]) {
      expect(readFileSync(join(out, f)).equals(readFileSync(join(local, f))), f).toBe(true);
    }
    const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    const l = JSON.parse(readFileSync(join(local, "manifest.json"), "utf8"));
    expect(m.status).toBe("complete");
    expect(m.planHash).toBe(l.planHash);
    expect(m.extra.mergedFrom.map((p: { shard: string }) => p.shard)).toEqual(["3/3", "1/3", "2/3"]);
    // The merged directory is a finished sweep: --resume finds nothing to do.
    const again = cli(["sweep", ...SWEEP, "--out", out, "--resume"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/nothing to do/);
  });

  it("refuses a missing part, naming the missing jobs and shard", () => {
    const out = join(tmp, "missing");
    const r = cli(["merge", part(1), part(3), "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 of 7 jobs are missing: p000000-r0001, p000000-r0004/);
    expect(r.stderr).toMatch(/shard 2\/3 not given/);
    expect(readLines(join(out, "runs.jsonl"))).toEqual([]);
  });

  it("refuses a duplicated part, naming the doubled jobs", () => {
    const copy = join(tmp, "part-2-again");
    cpSync(part(2), copy, { recursive: true });
    const r = cli(["merge", part(1), part(2), part(3), copy, "--out", join(tmp, "dup")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /2 jobs appear more than once: p000000-r0001 \(in .*part-2 and .*part-2-again\)/,
    );
  });

  it("refuses parts of different scenarios or an unfinished part", () => {
    const other = join(tmp, "other-seed");
    const s = cli(["sweep", ...SWEEP, "--seed", "99", "--shard", `2/${N}`, "--out", other]);
    expect(s.code, s.stderr).toBe(0);
    const r = cli(["merge", part(1), other, part(3), "--out", join(tmp, "mixed")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the parts come from different scenarios/);
    const m = JSON.parse(readFileSync(join(other, "manifest.json"), "utf8"));
    const unfinished = join(tmp, "unfinished");
    cpSync(part(2), unfinished, { recursive: true });
    const um = JSON.parse(readFileSync(join(unfinished, "manifest.json"), "utf8"));
    um.status = "interrupted";
    writeFileSync(join(unfinished, "manifest.json"), JSON.stringify(um));
    const u = cli(["merge", part(1), unfinished, part(3), "--out", join(tmp, "unf")]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/unfinished is not finished \(status interrupted\)/);
    expect(m.extra.shard).toEqual({ k: 2, n: N });
  });

  it("rejects a malformed --shard", () => {
    const r = cli(["sweep", ...SWEEP, "--shard", "4/3", "--out", join(tmp, "bad")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard 4\/3: expected 1 ≤ K ≤ N/);
  });
});
