import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERIES_COLUMNS } from "../src/engine/columns.js";
import { FIRM_CSV_COLUMNS } from "../src/engine/runfiles.js";
import { cli, requireBuild } from "./engine-helpers.js";

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cli-run-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const small = ["--ticks", "8", "--firms", "300"];

describe("ecosim run", () => {
  it("writes manifest.json, ticks.csv and firms.csv, byte-identical for the same seed, replacing an earlier run whole", () => {
    const a = join(tmp, "a");
    const b = join(tmp, "b");
    const c = join(tmp, "c");
    // b holds an earlier run (another seed) with a chart of its report: replaced whole
    expect(cli(["run", "scenarios/baseline.yaml", "--seed", "9", ...small, "--out", b]).code).toBe(0);
    mkdirSync(join(b, "charts"));
    writeFileSync(join(b, "charts", "stale.svg"), "from the earlier run");
    const ra = cli(["run", "scenarios/baseline.yaml", "--seed", "7", ...small, "--out", a]);
    expect(ra.stderr).toBe("");
    expect(ra.code).toBe(0);
    expect(ra.stdout).toMatch(/at the end/);
    expect(ra.stdout).toMatch(/over the run/);
    expect(ra.stdout).toMatch(/fiscal cost/);
    expect(cli(["run", "scenarios/baseline.yaml", "--seed", "7", ...small, "--out", b]).code).toBe(0);
    expect(cli(["run", "scenarios/baseline.yaml", "--seed", "8", ...small, "--out", c]).code).toBe(0);
    expect(readdirSync(a).sort()).toEqual(["firms.csv", "manifest.json", "ticks.csv"]);
    expect(readdirSync(b).sort()).toEqual(["firms.csv", "manifest.json", "ticks.csv"]);
    for (const f of ["ticks.csv", "firms.csv"]) {
      expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true);
    }
    expect(readFileSync(join(a, "ticks.csv")).equals(readFileSync(join(c, "ticks.csv")))).toBe(false);
    const ticks = readFileSync(join(a, "ticks.csv"), "utf8").trim().split("\n");
    expect(ticks[0]).toBe(["tick", ...SERIES_COLUMNS].join(","));
    expect(ticks.length).toBe(9);
    expect(ticks.join("\n")).not.toMatch(/NaN|Infinity|,-0,/);
    const firms = readFileSync(join(a, "firms.csv"), "utf8").trim().split("\n");
    expect(firms[0]).toBe(FIRM_CSV_COLUMNS.join(","));
    expect(firms.length).toBeGreaterThan(300);
    const manifest = JSON.parse(readFileSync(join(a, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ kind: "run", seed: 7, scenario: { name: "baseline" } });
    expect(manifest.versions.node).toBe(process.version);
    // nothing but the target is left next to it (no temporary directories)
    expect(readdirSync(tmp).sort()).toEqual(["a", "b", "c"]);
  });

  it("exits 2 on a bad scenario and creates nothing", () => {
    const bad = join(tmp, "bad.yaml");
    writeFileSync(bad, "extends: baseline\nname: bad\nnonsenseKey: 3\n");
    const out = join(tmp, "bad-out");
    const r = cli(["run", bad, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nonsenseKey/);
    expect(existsSync(out)).toBe(false);
    const missing = cli(["run", join(tmp, "nope.yaml"), "--out", out]);
    expect(missing.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith("."))).toEqual([]);
  });
});
