import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDirs } from "../src/engine/makeDirs.js";

/**
 * A read-only file system is reported as what it is (issue #14): Node's recursive mkdir says
 * ENOENT there. Needs a read-only tmpfs, which only root can mount; elsewhere the test says so.
 */
let root = "";
let mounted = false;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "ecosim-rofs-"));
  mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", root]).status === 0;
});
afterAll(() => {
  if (mounted) spawnSync("umount", [root]);
  rmSync(root, { recursive: true, force: true });
});

describe("makeDirs", () => {
  it("makes missing levels and leaves existing ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "ecosim-mk-"));
    makeDirs(join(dir, "a", "b", "c"));
    makeDirs(join(dir, "a", "b", "c"));
    mkdirSync(join(dir, "a", "b", "c", "d"));
    rmSync(dir, { recursive: true, force: true });
  });

  it("says EROFS on a read-only file system, not ENOENT", (ctx) => {
    if (!mounted) ctx.skip(); // mounting a tmpfs needs root
    expect(() => makeDirs(join(root, "results", "sweep"))).toThrow(/EROFS/);
  });
});
