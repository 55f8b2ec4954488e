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
import type { ComparisonFile } from "../src/report/comparisonReport.js";
import { crnSeed, loadScenario } from "../src/scenario/index.js";
import { cli, cliInterrupted, readLines, requireBuild } from "./engine-helpers.js";

const XSS = "<script>alert(1)</script>";
let tmp: string;
let compareDir: string;
let compareOut: { code: number | null; stdout: string; stderr: string };
let compareArgs: string[];

beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cli-compare-"));
  writeFileSync(
    join(tmp, "xss.yaml"),
    `extends: baseline\nname: "${XSS}"\ninstruments:\n  grants:\n    enabled: true\n`,
  );
  writeFileSync(join(tmp, "copy.yaml"), "extends: baseline\nname: baseline copy\n");
  compareDir = join(tmp, "c");
  compareArgs = [
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
  ];
  compareOut = cli([...compareArgs, "--out", compareDir]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const charts = (dir: string, ext: string) => readdirSync(join(dir, "charts")).filter((f) => f.endsWith(ext));

describe("ecosim compare", () => {
  it("prints the effects table and writes csv, json, charts and an offline report", () => {
    expect(compareOut.stderr).not.toMatch(/Error|ecosim:/);
    expect(compareOut.code).toBe(0);
    expect(compareOut.stdout).toMatch(/Effects against baseline over quarters 1–6/);
    // stars are discoveries after the FDR correction across the whole table (3 outcomes × 3 mixes)
    expect(compareOut.stdout).toContain(
      "* significant after Benjamini–Hochberg FDR control at 5% across 9 effects; intervals unadjusted",
    );
    expect(compareOut.stderr).toMatch(/warning: intervals on 3 seeds are wide and unreliable/);
    expect(compareOut.stdout).toMatch(/Innovations \(count\)/);
    expect(compareOut.stdout).toMatch(/Net public cost/);
    expect(compareOut.stdout).toMatch(/Spending +Tax expenditure +Second-round tax +Share of output/);
    expect(compareOut.stdout).toMatch(/Net cost per extra innovation/);
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

describe("ecosim compare: seeds, precision, the output folder, interrupts", () => {
  it("runs at least 10 seeds when the scenario says 1, and --precision reports each target", () => {
    const out = join(tmp, "precise");
    const r = cli([
      "compare",
      "scenarios/baseline.yaml",
      join(tmp, "xss.yaml"),
      "--ticks",
      "8",
      "--firms",
      "60",
      "--precision",
      "0.5",
      "--max-replications",
      "14",
      "--metrics",
      "innovations,employment,patents",
      "--lang",
      "en",
      "--out",
      out,
    ]);
    expect(r.stderr).not.toMatch(/ecosim:|wide and unreliable/);
    expect(r.code).toBe(0);
    const base = loadScenario("scenarios/baseline.yaml");
    expect(base.replications).toBe(1);
    const file = JSON.parse(readFileSync(join(out, "comparison.json"), "utf8")) as ComparisonFile;
    expect(file.replications).toBeGreaterThanOrEqual(10);
    expect(file.replications).toBeLessThanOrEqual(14);
    expect(file.seeds).toEqual(Array.from({ length: file.replications }, (_, k) => crnSeed(base.seed, k)));
    expect(r.stdout).toContain(
      `Precision target: every effect's 95% CI half-width at most 50% of the baseline mean; ${file.replications} replications (at most 14)`,
    );
    // one line per reported headline outcome (patents is not one), with its verdict
    expect(r.stdout).toMatch(/\n {2}Innovations \(count\) +(met|not met|no target)/);
    expect(r.stdout).toMatch(/\n {2}Employment \(workers\) +(met|not met|no target)/);
    expect(r.stdout).not.toMatch(/\n {2}Patents \(count\) +(met|not met|no target)/);
    expect(r.stdout).toMatch(
      new RegExp(
        `Every precision target met with ${file.replications} replications|Stopped at --max-replications 14`,
      ),
    );
  });

  it("refuses an --out folder with a user's file before any run, and leaves the file", () => {
    const dir = join(tmp, "mine");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "precious");
    const r = cli(["compare", "scenarios/baseline.yaml", "scenarios/japan.yaml", "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /mine is not empty \(1 entry: "notes.txt"\) and is not an ecosim compare result/,
    );
    expect(r.stdout).not.toMatch(/Comparing/);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("precious");
  });

  it("stops on SIGINT with exit 130 and a --resume hint; the resumed result is the uninterrupted one", async () => {
    const dir = join(tmp, "int");
    const slow = { ECOSIM_TEST_FAULTS: "*=slow" };
    const r = await cliInterrupted(
      [...compareArgs, "--out", dir],
      join(dir, "runs.jsonl"),
      3,
      "SIGINT",
      slow,
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted by SIGINT: \d+ of 12 runs are done and saved/);
    expect(r.stderr).toContain(`--out ${dir} --resume`);
    const saved = readLines(join(dir, "runs.jsonl")).length;
    expect(saved).toBeGreaterThanOrEqual(3);
    expect(saved).toBeLessThan(12);
    expect(existsSync(join(dir, "comparison.json"))).toBe(false);
    const resumed = cli([...compareArgs, "--out", dir, "--resume"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`Resuming: ${saved} runs already done`);
    const strip = (d: string) => {
      const f = JSON.parse(readFileSync(join(d, "comparison.json"), "utf8")) as Partial<ComparisonFile>;
      delete f.createdAt;
      return f;
    };
    expect(strip(dir)).toEqual(strip(compareDir));
    expect(readFileSync(join(dir, "runs.jsonl"), "utf8")).toBe(
      readFileSync(join(compareDir, "runs.jsonl"), "utf8"),
    );
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
