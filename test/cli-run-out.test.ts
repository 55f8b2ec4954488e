import { spawnSync } from "node:child_process";
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
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOutputDir, OutputDirError, resultKindOf, safePathName } from "../src/engine/outputDir.js";
import { CLI, cli, requireBuild } from "./engine-helpers.js";

/**
 * `ecosim run --out DIR` never deletes or replaces what ecosim did not write there for a run
 * (issue #14): a foreign folder, a file, a result of another kind or a folder holding the
 * scenario is refused with exit 2 and left as it was; an earlier run result is replaced whole;
 * --force replaces anything but the current folder and the scenario's own files. The default
 * folder results/<name>-<seed> stays inside results/ whatever the scenario's name.
 */

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-run-out-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const tiny = ["--ticks", "2", "--firms", "20", "--seed", "3"];
const RUN_FILES = ["firms.csv", "manifest.json", "ticks.csv"];

/** Every file under `dir` (relative paths) with its contents. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const rel = prefix + e.name;
      if (e.isDirectory()) walk(join(d, e.name), `${rel}/`);
      else out[rel] = readFileSync(join(d, e.name), "utf8");
    }
  };
  walk(dir, "");
  return out;
}

/** Nothing but `names` next to them: no temporary or moved-aside siblings left behind. */
function expectNoLeftovers(parent: string): void {
  expect(readdirSync(parent).filter((f) => f.startsWith("."))).toEqual([]);
}

function victim(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, "important"), { recursive: true });
  writeFileSync(join(dir, "important", "data.txt"), "precious");
  writeFileSync(join(dir, "notes.md"), "notes");
  return dir;
}

describe("ecosim run --out: what is already there", () => {
  it("refuses a folder of unrelated files with exit 2, says what is there and that --force replaces it, and keeps it", () => {
    const dir = victim("unrelated");
    const before = snapshot(dir);
    const r = cli(["run", "scenarios/baseline.yaml", ...tiny, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(dir);
    expect(r.stderr).toMatch(/not an ecosim run result/);
    expect(r.stderr).toMatch(/important\/.*notes\.md/);
    expect(r.stderr).toMatch(/--force/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe(""); // refused before running
    expect(snapshot(dir)).toEqual(before);
    expectNoLeftovers(tmp);
  });

  it("refuses the scenario file's own folder, even with --force", () => {
    const dir = join(tmp, "scenario-home");
    mkdirSync(dir);
    const file = join(dir, "mine.yaml");
    writeFileSync(file, "name: mine\nextends: baseline\n");
    for (const extra of [[], ["--force"]]) {
      const r = cli(["run", file, ...tiny, "--out", dir, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file);
      expect(readdirSync(dir)).toEqual(["mine.yaml"]);
    }
    // the folder of a file it extends, too
    const lib = join(tmp, "scenario-lib");
    mkdirSync(lib);
    writeFileSync(join(lib, "parent.yaml"), "name: parent\nextends: baseline\n");
    const child = join(dir, "child.yaml");
    writeFileSync(child, "name: child\nextends: ../scenario-lib/parent.yaml\n");
    const r = cli(["run", child, ...tiny, "--out", lib, "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/parent\.yaml/);
    expect(readdirSync(lib)).toEqual(["parent.yaml"]);
    rmSync(child);
    expectNoLeftovers(tmp);
  });

  it("refuses a plain file; --force replaces it with the run", () => {
    const file = join(tmp, "a-file");
    writeFileSync(file, "not a folder");
    const r = cli(["run", "scenarios/baseline.yaml", ...tiny, "--out", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a file/);
    expect(r.stderr).toMatch(/--force/);
    expect(readFileSync(file, "utf8")).toBe("not a folder");
    const f = cli(["run", "scenarios/baseline.yaml", ...tiny, "--out", file, "--force"]);
    expect(f.stderr).toBe("");
    expect(f.code).toBe(0);
    expect(readdirSync(file).sort()).toEqual(RUN_FILES);
    expectNoLeftovers(tmp);
  });

  it("replaces an earlier run result whole (with the report files ecosim wrote there)", () => {
    const dir = join(tmp, "previous");
    expect(
      cli(["run", "scenarios/baseline.yaml", "--ticks", "2", "--firms", "20", "--seed", "4", "--out", dir])
        .code,
    ).toBe(0);
    const first = readFileSync(join(dir, "ticks.csv"), "utf8");
    mkdirSync(join(dir, "charts"));
    writeFileSync(join(dir, "charts", "c.svg"), "<svg/>");
    writeFileSync(join(dir, "report.html"), "<html></html>");
    const r = cli(["run", "scenarios/baseline.yaml", ...tiny, "--out", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/replacing the earlier run/);
    expect(readdirSync(dir).sort()).toEqual(RUN_FILES);
    expect(readFileSync(join(dir, "ticks.csv"), "utf8")).not.toBe(first);
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"))).toMatchObject({
      kind: "run",
      seed: 3,
    });
    expectNoLeftovers(tmp);
  });

  it("refuses a run result holding files ecosim did not write, and a result of another kind", () => {
    const dir = join(tmp, "annotated");
    expect(cli(["run", "scenarios/baseline.yaml", ...tiny, "--out", dir]).code).toBe(0);
    writeFileSync(join(dir, "my-notes.md"), "mine");
    const before = snapshot(dir);
    const r = cli(["run", "scenarios/baseline.yaml", ...tiny, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/my-notes\.md/);
    expect(snapshot(dir)).toEqual(before);

    const sweep = join(tmp, "a-sweep");
    mkdirSync(sweep);
    writeFileSync(
      join(sweep, "manifest.json"),
      JSON.stringify({ format: "ecosim-results/1", kind: "sweep" }),
    );
    writeFileSync(join(sweep, "runs.jsonl"), "{}\n");
    const s = cli(["run", "scenarios/baseline.yaml", ...tiny, "--out", sweep]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/ecosim sweep result, not a run result/);
    expect(readdirSync(sweep).sort()).toEqual(["manifest.json", "runs.jsonl"]);
    expectNoLeftovers(tmp);
  });

  it("--force replaces a folder of unrelated files, atomically (no temporary folder left)", () => {
    const dir = victim("forced");
    const r = cli(["run", "scenarios/baseline.yaml", ...tiny, "--out", dir, "--force"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--force/);
    expect(readdirSync(dir).sort()).toEqual(RUN_FILES);
    expectNoLeftovers(tmp);
  });

  it("keeps the default folder inside results/ whatever the scenario's name, and says which folder it used", () => {
    const work = join(tmp, "work");
    mkdirSync(work);
    mkdirSync(join(tmp, "backup-2024"));
    writeFileSync(join(tmp, "backup-2024", "thesis.tex"), "precious");
    writeFileSync(join(work, "innocent.yaml"), 'name: "../../backup"\nseed: 2024\nextends: baseline\n');
    const r = spawnSync(process.execPath, [CLI, "run", "innocent.yaml", "--ticks", "2", "--firms", "20"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`to ${join("results", "backup-2024")}`);
    expect(r.stdout).toMatch(/characters unsafe in a path replaced/);
    expect(readdirSync(join(work, "results"))).toEqual(["backup-2024"]);
    expect(readdirSync(join(work, "results", "backup-2024")).sort()).toEqual(RUN_FILES);
    expect(readFileSync(join(tmp, "backup-2024", "thesis.tex"), "utf8")).toBe("precious");
    expect(existsSync(join(dirname(tmp), "backup-2024"))).toBe(false);
  });
});

describe("sweep's default folder", () => {
  it("stays inside results/ whatever the scenario's name", () => {
    const work = join(tmp, "sweep-work");
    mkdirSync(work);
    writeFileSync(
      join(work, "s.yaml"),
      'name: "../../escape"\nextends: baseline\nreplications: 1\npoints: [{ "rnd.ipStrength": 0.2 }]\n',
    );
    const r = spawnSync(
      process.execPath,
      [CLI, "sweep", "s.yaml", "--ticks", "2", "--firms", "20", "--workers", "1"],
      { cwd: work, encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(work, "results"))).toEqual(["escape"]);
    expect(existsSync(join(tmp, "escape"))).toBe(false);
    expect(existsSync(join(dirname(tmp), "escape"))).toBe(false);
  });
});

describe("checkOutputDir", () => {
  it("never accepts the current folder or one above it, even with force", () => {
    for (const dir of [".", "..", process.cwd(), "/"]) {
      expect(() => checkOutputDir(dir, "run", { force: true })).toThrow(OutputDirError);
    }
  });

  it("tells absent, empty, previous and forced apart", () => {
    const base = join(tmp, "states");
    mkdirSync(join(base, "empty"), { recursive: true });
    mkdirSync(join(base, "run"));
    writeFileSync(
      join(base, "run", "manifest.json"),
      JSON.stringify({ format: "ecosim-results/1", kind: "run" }),
    );
    mkdirSync(join(base, "bad-manifest"));
    writeFileSync(join(base, "bad-manifest", "manifest.json"), "{ not json");
    expect(checkOutputDir(join(base, "none"), "run")).toBe("absent");
    expect(checkOutputDir(join(base, "empty"), "run")).toBe("empty");
    expect(checkOutputDir(join(base, "run"), "run")).toBe("previous");
    expect(resultKindOf(join(base, "run"))).toBe("run");
    expect(resultKindOf(join(base, "bad-manifest"))).toBeNull();
    expect(() => checkOutputDir(join(base, "bad-manifest"), "run")).toThrow(/not an ecosim run result/);
    expect(checkOutputDir(join(base, "bad-manifest"), "run", { force: true })).toBe("forced");
    expect(() => checkOutputDir(join(base, "run"), "sweep")).toThrow(/ecosim run result, not a sweep result/);
  });
});

describe("safePathName", () => {
  it.each([
    ["baseline", "baseline"],
    ["../../backup", "backup"],
    ["..", "scenario"],
    ["", "scenario"],
    [".hidden", "hidden"],
    ["a/b\\c d", "a-b-c-d"],
    ["mix..v2", "mix.v2"],
    ["上海 2021 政策", "上海-2021-政策"],
    ["中小企業・ベンチャー", "中小企業-ベンチャー"],
    ["x\u001b[31m\r\ny", "x-31m-y"],
    ["-rf", "rf"],
  ])("%j → %j", (name, safe) => {
    expect(safePathName(name)).toBe(safe);
  });

  it("caps the length and never yields a path segment that leaves its folder", () => {
    expect(safePathName("a".repeat(500))).toHaveLength(64);
    for (const name of ["../x", "./../..", "a/../../b", "..\\..\\c", "/etc/passwd", "~/x"]) {
      const s = safePathName(name);
      expect(s).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
      expect(s).not.toContain("..");
    }
  });
});
