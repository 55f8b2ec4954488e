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
import { cli, cliInterrupted, readLines, requireBuild } from "./engine-helpers.js";

/** `ecosim sensitivity --out`: checked before any run, stopped cleanly by a signal, resumed. */

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cli-sensitivity-resume-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Morris, r trajectories of 2 parameters: 3r runs of 40 firms × 6 quarters
const morris = (trajectories: number) => [
  "sensitivity",
  "scenarios/baseline.yaml",
  "--method",
  "morris",
  "--trajectories",
  String(trajectories),
  "--param",
  "rnd.rdPropensity=0.02:0.08",
  "--param",
  "market.demandShockSd=0.05:0.2",
  "--outputs",
  "smes",
  "innovations",
  "--ticks",
  "6",
  "--firms",
  "40",
  "--workers",
  "1",
  "--no-charts",
];
const tiny = morris(4);
const slow = { ECOSIM_TEST_FAULTS: "*=slow" };

describe("ecosim sensitivity --out", () => {
  it("refuses a folder with a user's file before any run, and leaves the file", () => {
    const dir = join(tmp, "mine");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "precious");
    const r = cli([...tiny, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /mine is not empty \(1 entry: "notes.txt"\) and is not an ecosim sensitivity result/,
    );
    expect(r.stdout).not.toMatch(/runs/);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("precious");
  });

  it("stops on SIGINT with exit 130 and the --resume command; resuming gives the uninterrupted result", async () => {
    const whole = join(tmp, "whole");
    const ref = cli([...tiny, "--out", whole]);
    expect(ref.stderr).toBe("");
    expect(ref.code).toBe(0);
    // an earlier result of the same analysis: refused without --resume (or --force)
    const again = cli([...tiny, "--out", whole]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds this sensitivity analysis; add --resume/);

    const dir = join(tmp, "int");
    const r = await cliInterrupted(
      [...tiny, "--out", dir],
      join(dir, "sweep", "runs.jsonl"),
      2,
      "SIGINT",
      slow,
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted by SIGINT: \d+ of 12 runs are done and saved/);
    const hint = /resume with: ecosim (sensitivity .*)\n/.exec(r.stderr);
    expect(hint?.[1]).toContain(`--out ${dir} --resume`);
    const saved = readLines(join(dir, "sweep", "runs.jsonl")).length;
    expect(saved).toBeGreaterThanOrEqual(2);
    expect(saved).toBeLessThan(12);
    expect(existsSync(join(dir, "sensitivity.json"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "sensitivity-plan.json"), "utf8")).status).toBe("interrupted");

    // the printed command, as a shell would split it (no quoting needed here)
    const resumed = cli(hint![1].split(" "));
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`, ${saved} of them done before`);
    for (const f of ["sensitivity.json", "sensitivity.csv", join("sweep", "runs.jsonl")]) {
      expect(readFileSync(join(dir, f), "utf8")).toBe(readFileSync(join(whole, f), "utf8"));
    }
    expect(JSON.parse(readFileSync(join(dir, "sensitivity-plan.json"), "utf8")).status).toBe("complete");
    expect(readdirSync(tmp).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("stops on SIGTERM with exit 143; --force replaces the folder", async () => {
    const dir = join(tmp, "term");
    const r = await cliInterrupted(
      [...tiny, "--out", dir],
      join(dir, "sweep", "runs.jsonl"),
      1,
      "SIGTERM",
      slow,
    );
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/interrupted by SIGTERM: .*\nresume with: ecosim sensitivity .*--resume\n/);
    const forced = cli([...morris(1), "--out", dir, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/replacing what was there: --force/);
    expect(JSON.parse(readFileSync(join(dir, "sensitivity.json"), "utf8")).runs).toBe(3);
  });
});
