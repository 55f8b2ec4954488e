import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StagedDir, swapIntoPlace, writeDirAtomically } from "../src/engine/atomicDir.js";
import { commandLine, exitCodeFor } from "../src/engine/interrupt.js";
import { OutputDirError } from "../src/engine/outputDir.js";
import {
  checkResumableDir,
  type PlanFile,
  PlanFolder,
  type ResumableDirSpec,
} from "../src/engine/resumable.js";

/** The engine's resumable-folder machinery shared by compare, validate and sensitivity. */

let tmp: string;
let n = 0;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "ecosim-resumable-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const newDir = () => join(tmp, `d${n++}`);
const hidden = () => readdirSync(tmp).filter((f) => f.startsWith("."));

const spec = (identity: string, more: Partial<ResumableDirSpec> = {}): ResumableDirSpec => ({
  planFile: "thing-plan.json",
  format: "ecosim-thing-plan/1",
  identity,
  kind: "validate",
  owns: (e) => e === "thing-plan.json" || e === "out.json" || e === "runs/",
  noun: "thing",
  describe: (p) => `a thing of another kind (${p.identity})`,
  resume: false,
  force: false,
  ...more,
});
const open = (dir: string, identity: string, more: Partial<ResumableDirSpec> = {}) =>
  PlanFolder.open<PlanFile>(dir, spec(identity, more), { format: "ecosim-thing-plan/1", identity });

describe("atomic folders", () => {
  it("writes a folder whole, carrying entries of the old one; an abort leaves the old one", async () => {
    const dir = newDir();
    mkdirSync(join(dir, "runs"), { recursive: true });
    writeFileSync(join(dir, "runs", "r.jsonl"), "kept");
    writeFileSync(join(dir, "old.json"), "old");
    const aborted = await writeDirAtomically(dir, (d) => writeFileSync(join(d, "new.json"), "new"), {
      aborted: () => true,
    });
    expect(aborted).toBeNull();
    expect(readdirSync(dir).sort()).toEqual(["old.json", "runs"]);
    expect(hidden()).toEqual([]);
    const staged = new StagedDir(dir);
    writeFileSync(join(staged.dir, "new.json"), "new");
    expect(staged.commit({ carry: ["runs", "absent"] })).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["new.json", "runs"]);
    expect(readFileSync(join(dir, "runs", "r.jsonl"), "utf8")).toBe("kept");
    expect(hidden()).toEqual([]);
  });

  it("puts a folder in place of one that does not exist yet", () => {
    const staged = newDir();
    mkdirSync(staged);
    writeFileSync(join(staged, "a"), "a");
    const target = join(newDir(), "deeper");
    mkdirSync(join(target, ".."), { recursive: true });
    swapIntoPlace(staged, target, ["runs"]);
    expect(readdirSync(target)).toEqual(["a"]);
  });
});

describe("checkResumableDir", () => {
  it("tells a fresh folder, its own plan (resume or refuse), another plan and a user's files apart", () => {
    const dir = newDir();
    expect(checkResumableDir(dir, spec("A"))).toBe("fresh");
    open(dir, "A");
    expect(checkResumableDir(dir, spec("A", { resume: true }))).toBe("resume");
    expect(() => checkResumableDir(dir, spec("A"))).toThrow(
      /holds an unfinished run of this thing; add --resume to continue it, or choose another --out, or add --force/,
    );
    expect(checkResumableDir(dir, spec("A", { force: true }))).toBe("replace");
    expect(() => checkResumableDir(dir, spec("B", { resume: true }))).toThrow(
      /holds a thing of another kind \(A\); results of different things are never mixed/,
    );
    writeFileSync(join(dir, "mine.txt"), "x");
    expect(() => checkResumableDir(dir, spec("A", { resume: true }))).toThrow(
      /ecosim did not write \("mine.txt"\)/,
    );

    const user = newDir();
    mkdirSync(user);
    writeFileSync(join(user, "notes.txt"), "precious");
    expect(() => checkResumableDir(user, spec("A"))).toThrow(OutputDirError);
    // without --force (a command that has none) the advice to add it is not given
    expect(() => checkResumableDir(user, { ...spec("A"), force: undefined })).toThrow(
      /nothing was written\. Choose another --out$/,
    );
    expect(readdirSync(user)).toEqual(["notes.txt"]);

    const legacy = newDir();
    mkdirSync(legacy);
    writeFileSync(join(legacy, "out.json"), "{}");
    expect(() => checkResumableDir(legacy, spec("A", { legacyMarker: "out.json" }))).toThrow(
      /holds a thing written by an earlier ecosim \(no thing-plan.json\)/,
    );
  });

  it("replaces a folder under --force and keeps createdAt when resuming", () => {
    const dir = newDir();
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "x");
    const forced = open(dir, "A", { force: true });
    expect(forced.state).toBe("replace");
    expect(readdirSync(dir)).toEqual(["thing-plan.json"]);
    const first = forced.plan.createdAt;
    forced.update({ status: "interrupted" });
    const resumed = open(dir, "A", { resume: true });
    expect(resumed.state).toBe("resume");
    expect(resumed.plan.createdAt).toBe(first);
    expect(resumed.plan.status).toBe("running");
  });
});

describe("signals and hints", () => {
  it("exit 130 for SIGINT, 143 for SIGTERM; a command line a shell reads back", () => {
    expect(exitCodeFor("SIGINT")).toBe(130);
    expect(exitCodeFor("SIGTERM")).toBe(143);
    expect(commandLine(["ecosim", "validate", "--out", "my results/it's", "--resume"])).toBe(
      "ecosim validate --out 'my results/it'\\''s' --resume",
    );
  });
});
