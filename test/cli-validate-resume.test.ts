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

/** `ecosim validate --out`: checked before any run, stopped cleanly by a signal, resumed. */

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cli-validate-resume-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// a tiny validation: 4 baseline and certification runs, 57 policy runs of 40 firms × 8 quarters
const tiny = [
  "validate",
  "--replications",
  "2",
  "--firms",
  "60",
  "--years",
  "2",
  "--burn-in",
  "4",
  "--policy-replications",
  "2",
  "--policy-firms",
  "40",
  "--policy-years",
  "1",
  "--workers",
  "1",
  "--no-charts",
];

/** validation.json without its one timing. */
function validationOf(dir: string): unknown {
  const v = JSON.parse(readFileSync(join(dir, "validation.json"), "utf8"));
  delete v.summary.elapsedSeconds;
  return v;
}

describe("ecosim validate --out", () => {
  it("refuses a folder with a user's file before any run, and leaves the file", () => {
    const dir = join(tmp, "mine");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "precious");
    const r = cli([...tiny, "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /mine is not empty \(1 entry: "notes.txt"\) and is not an ecosim validate result/,
    );
    expect(r.stderr).toMatch(/--force/);
    expect(r.stdout).not.toMatch(/validate:|runs/);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("precious");
  });

  it("stops on SIGINT with exit 130 and the --resume command; resuming gives the uninterrupted result", async () => {
    const whole = join(tmp, "whole");
    const ref = cli([...tiny, "--out", whole]);
    expect(ref.stderr).toBe("");
    expect(ref.code).toBe(0);
    const total = readLines(join(whole, "runs.jsonl")).length;
    // an earlier result of the same validation: refused without --resume (or --force)
    const again = cli([...tiny, "--out", whole]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds this validation; add --resume/);

    const dir = join(tmp, "int");
    const r = await cliInterrupted([...tiny, "--out", dir], join(dir, "runs.jsonl"), 2, "SIGINT", {
      ECOSIM_TEST_FAULTS: "*=slow",
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(new RegExp(`interrupted by SIGINT: \\d+ of ${total} runs are done and saved`));
    const hint = /resume with: ecosim (validate .*)\n/.exec(r.stderr);
    expect(hint?.[1]).toContain(`--out ${dir} --resume`);
    const saved = readLines(join(dir, "runs.jsonl")).length;
    expect(saved).toBeGreaterThanOrEqual(2);
    expect(saved).toBeLessThan(total);
    expect(existsSync(join(dir, "validation.json"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "validation-plan.json"), "utf8")).status).toBe("interrupted");

    // the printed command, as a shell would split it (no quoting needed here)
    const resumed = cli(hint![1].split(" "));
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`resuming: ${saved} runs already done`);
    expect(resumed.stdout).toContain(`${saved} of ${total} runs done before`);
    expect(validationOf(dir)).toEqual(validationOf(whole));
    expect(readFileSync(join(dir, "runs.jsonl"), "utf8")).toBe(
      readFileSync(join(whole, "runs.jsonl"), "utf8"),
    );
    expect(readdirSync(tmp).filter((f) => f.startsWith("."))).toEqual([]);
  });
});
