import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runValidation, type ValidationConfig } from "../src/analysis/validation/run.js";
import { runValidationWorkflow, type ValidationEvent } from "../src/analysis/validation/workflow.js";
import { defaultParams } from "../src/model/params.js";

/** runValidationWorkflow in this thread: an interrupted validation resumes to the same table. */

let tmp: string;
let n = 0;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "ecosim-validation-workflow-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const newDir = () => join(tmp, `v${n++}`);

// 4 runs: baseline and certification on 2 seeds, 40 firms × 6 quarters
const config: ValidationConfig = {
  params: defaultParams(),
  replications: 2,
  firms: 40,
  burnIn: 2,
  years: 1,
  seed: 3,
  workers: 0,
  policy: null,
};

const writeJson = async (dir: string, result: { rows: unknown }) => {
  const path = join(dir, "validation.json");
  writeFileSync(path, JSON.stringify(result.rows));
  return [path];
};

describe("runValidationWorkflow", () => {
  it("stops on the signal with the finished runs saved, and resumes to the uninterrupted table", async () => {
    const reference = await runValidation(config);
    const dir = newDir();
    const controller = new AbortController();
    const events: ValidationEvent[] = [];
    const first = await runValidationWorkflow({
      config,
      out: dir,
      resume: false,
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === "progress" && e.done === 2) controller.abort();
      },
      write: writeJson,
    });
    expect(first.interrupted).toBe(true);
    expect(first.ran).toBeGreaterThanOrEqual(2);
    expect(first.ran).toBeLessThan(4);
    expect(existsSync(join(dir, "validation.json"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "validation-plan.json"), "utf8")).status).toBe("interrupted");

    const again = await runValidationWorkflow({ config, out: dir, resume: true, write: writeJson });
    expect(again.interrupted).toBe(false);
    expect(again.reused).toBe(first.ran);
    expect(again.ran).toBe(4 - first.ran);
    expect(again.result?.rows).toEqual(reference.rows);
    expect(JSON.parse(readFileSync(join(dir, "validation.json"), "utf8"))).toEqual(
      JSON.parse(JSON.stringify(reference.rows)),
    );
    expect(readdirSync(dir).sort()).toEqual([
      "runs.bin",
      "runs.jsonl",
      "validation-plan.json",
      "validation.json",
    ]);
  });

  it("an interrupt while the files are written leaves the folder as it was", async () => {
    const dir = newDir();
    const controller = new AbortController();
    const out = await runValidationWorkflow({
      config,
      out: dir,
      resume: false,
      signal: controller.signal,
      write: async (staged, result) => {
        const files = await writeJson(staged, result);
        controller.abort();
        return files;
      },
    });
    expect(out.interrupted).toBe(true);
    expect(out.ran).toBe(4);
    expect(readdirSync(dir).sort()).toEqual(["runs.bin", "runs.jsonl", "validation-plan.json"]);
    expect(readdirSync(tmp).filter((f) => f.startsWith("."))).toEqual([]);
    const resumed = await runValidationWorkflow({ config, out: dir, resume: true, write: writeJson });
    expect(resumed.ran).toBe(0);
    expect(resumed.reused).toBe(4);
    expect(existsSync(join(dir, "validation.json"))).toBe(true);
  });

  it("refuses another validation's folder and a finished one without --resume; --force replaces it", async () => {
    const dir = newDir();
    await runValidationWorkflow({ config, out: dir, resume: false, write: writeJson });
    const other = { ...config, seed: 4 };
    await expect(
      runValidationWorkflow({ config: other, out: dir, resume: true, write: writeJson }),
    ).rejects.toThrow(/holds a validation of another configuration .*seed 3/);
    await expect(
      runValidationWorkflow({ config, out: dir, resume: false, write: writeJson }),
    ).rejects.toThrow(/already holds this validation; add --resume/);
    const forced = await runValidationWorkflow({
      config: other,
      out: dir,
      resume: false,
      force: true,
      write: writeJson,
    });
    expect(forced.state).toBe("replace");
    expect(forced.ran).toBe(4);
    expect(JSON.parse(readFileSync(join(dir, "validation-plan.json"), "utf8")).config.seed).toBe(4);
  });
});
