import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComparisonFile } from "../src/report/comparisonReport.js";
import { crnSeed, loadScenario } from "../src/scenario/index.js";
import { cli, requireBuild } from "./engine-helpers.js";

const XSS = "<script>alert(1)</script>";
let tmp: string;
let compareDir: string;
let compareOut: { code: number | null; stdout: string; stderr: string };

beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cli-compare-"));
  writeFileSync(
    join(tmp, "xss.yaml"),
    `extends: baseline\nname: "${XSS}"\ninstruments:\n  grants:\n    enabled: true\n`,
  );
  writeFileSync(join(tmp, "copy.yaml"), "extends: baseline\nname: baseline copy\n");
  compareDir = join(tmp, "c");
  compareOut = cli([
    "compare",
    "scenarios/baseline.yaml",
    join(tmp, "copy.yaml"),
    "scenarios/germany-1983.yaml",
    join(tmp, "xss.yaml"),
    "--replications",
    "3",
    "--ticks",
    "6",
    "--firms",
    "150",
    "--workers",
    "2",
    "--metrics",
    "innovations,employment,smeSurvival",
    "--lang",
    "en",
    "--out",
    compareDir,
  ]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const charts = (dir: string, ext: string) => readdirSync(join(dir, "charts")).filter((f) => f.endsWith(ext));

describe("ecosim compare", () => {
  it("prints the effects table and writes csv, json, charts and an offline report", () => {
    expect(compareOut.stderr).not.toMatch(/Error|ecosim:/);
    expect(compareOut.code).toBe(0);
    expect(compareOut.stdout).toMatch(/Effects against baseline at the horizon/);
    expect(compareOut.stdout).toMatch(/Innovations \(count\)/);
    expect(compareOut.stdout).toMatch(/Net public cost/);
    expect(compareOut.stdout).toContain(join(compareDir, "report.html"));
    for (const f of ["report.html", "comparison.csv", "comparison.json", "runs.jsonl"]) {
      expect(existsSync(join(compareDir, f)), f).toBe(true);
    }
    for (const ext of [".vl.json", ".svg", ".png"])
      expect(charts(compareDir, ext).length).toBeGreaterThanOrEqual(5);
    const html = readFileSync(join(compareDir, "report.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toContain(XSS);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("runs every scenario on the baseline's common random numbers", () => {
    const file = JSON.parse(readFileSync(join(compareDir, "comparison.json"), "utf8")) as ComparisonFile;
    const base = loadScenario("scenarios/baseline.yaml");
    expect(file.seeds).toEqual([0, 1, 2].map((r) => crnSeed(base.seed, r)));
    const runs = readFileSync(join(compareDir, "runs.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { scenario: string; seed: number });
    expect(runs).toHaveLength(12);
    for (const name of file.comparison.scenarios) {
      expect(runs.filter((r) => r.scenario === name).map((r) => r.seed)).toEqual(file.seeds);
    }
    // the same parameters on the same seeds: every paired difference is exactly zero
    const copy = file.comparison.effects.filter((e) => e.scenario === "baseline copy");
    expect(copy.length).toBe(3);
    for (const e of copy) expect(e.effect.diff).toMatchObject({ estimate: 0, lo: 0, hi: 0 });
    expect(file.comparison.scenarios).toEqual(["baseline", "baseline copy", "germany-1983", XSS]);
  });

  it("refuses an unknown --metrics name with exit code 2", () => {
    const r = cli([
      "compare",
      "scenarios/baseline.yaml",
      "scenarios/japan.yaml",
      "--metrics",
      "bogus",
      "--out",
      join(tmp, "bad"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown outcome bogus/);
  });
});

describe("ecosim report", () => {
  it("rebuilds the report of a compare directory, in Chinese on request", () => {
    rmSync(join(compareDir, "report.html"));
    const r = cli(["report", compareDir, "--lang", "zh"]);
    expect(r.code).toBe(0);
    const html = readFileSync(join(compareDir, "report.html"), "utf8");
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toContain(XSS);
  });

  it("builds a report for a run directory and for a sweep directory", () => {
    const runDir = join(tmp, "run");
    expect(
      cli(["run", "scenarios/us-sbir.yaml", "--ticks", "6", "--firms", "150", "--out", runDir]).code,
    ).toBe(0);
    const r1 = cli(["report", runDir, "--lang", "en"]);
    expect(r1.stderr).toBe("");
    expect(r1.code).toBe(0);
    expect(readFileSync(join(runDir, "report.html"), "utf8")).toContain("ecosim: run results");
    expect(charts(runDir, ".png").length).toBeGreaterThanOrEqual(3);

    const sweepDir = join(tmp, "sweep");
    const s = cli([
      "sweep",
      "scenarios/guarantee-sweep.yaml",
      "--replications",
      "1",
      "--ticks",
      "4",
      "--firms",
      "100",
      "--workers",
      "2",
      "--out",
      sweepDir,
    ]);
    expect(s.code).toBe(0);
    const r2 = cli(["report", sweepDir, "--lang", "en"]);
    expect(r2.code).toBe(0);
    const html = readFileSync(join(sweepDir, "report.html"), "utf8");
    expect(html).toContain("ecosim: sweep results");
    expect(charts(sweepDir, ".vl.json").some((f) => f.startsWith("6-sweep-"))).toBe(true);

    const r3 = cli(["report", tmp]);
    expect(r3.code).toBe(2);
  });
});
