import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManifestError, readManifest } from "../src/engine/manifest.js";
import { cli, requireBuild } from "./engine-helpers.js";

/** A damaged manifest.json (issue #14, repro/corrupt-manifest): exit 2 naming the file. */

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "ecosim-manifest-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("a damaged manifest.json", () => {
  it.each([
    ["empty", "", "the file is empty"],
    ["cut short", '{"format": "ecosim-results/1", "kind": "sw', "not valid JSON (Unterminated string"],
    ["not an object", "[1, 2]", "not a JSON object"],
  ])("%s: an error naming the file and what to do", (label, text, what) => {
    const dir = join(tmp, label.replace(/ /g, "-"));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "manifest.json"), text);
    let err: unknown;
    try {
      readManifest(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as ManifestError).exitCode).toBe(2);
    expect((err as Error).message).toContain(`${join(dir, "manifest.json")}: ${what}`);
    expect((err as Error).message).toMatch(/restore manifest\.json from a backup, or choose another --out$/);
  });

  it("sweep --resume on a folder whose manifest.json is empty: exit 2 naming the file (was exit 1, 'Unexpected end of JSON input')", () => {
    requireBuild();
    const out = join(tmp, "r");
    const args = [
      "sweep",
      "scenarios/guarantee-sweep.yaml",
      "--ticks",
      "2",
      "--firms",
      "10",
      "--replications",
      "1",
      "--out",
      out,
    ];
    expect(cli(args).code).toBe(0);
    writeFileSync(join(out, "manifest.json"), "");
    const r = cli([...args, "--resume"]);
    expect(r.stderr).toMatch(
      new RegExp(
        `^ecosim: ${join(out, "manifest.json").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: the file is empty: `,
      ),
    );
    expect(r.code).toBe(2);
  });
});
