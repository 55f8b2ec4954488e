import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The import graph of src/ (scripts/check-imports.mjs, also run by `npm test` before vitest):
 * no arrow against the layers cli → report → analysis → engine → scenario → model, no runtime
 * import cycle. The acceptance check (shared/acceptance/imports.py, next to the checkout) reads
 * the same rules with a regular expression; where it is present the two must agree.
 */

const ROOT = join(import.meta.dirname, "..");
const SCRIPT = join(ROOT, "scripts", "check-imports.mjs");
const ACCEPTANCE = join(ROOT, "..", "shared", "acceptance", "imports.py");
const hasPython = spawnSync("python3", ["--version"]).status === 0;

function check(root: string): { status: number | null; problems: string[]; last: string } {
  const r = spawnSync(process.execPath, [SCRIPT, root], { encoding: "utf8" });
  const lines = r.stdout.trim().split("\n");
  return { status: r.status, problems: lines.slice(0, -1), last: lines.at(-1) ?? r.stderr };
}

/** imports.py's problems, one line each, without the count. */
function acceptance(root: string): string[] {
  const r = spawnSync("python3", [ACCEPTANCE, root], { encoding: "utf8" });
  return r.stdout.trim().split("\n").slice(0, -1);
}

/** A problem line without the details in parentheses (what imports.py prints). */
const bare = (p: string) => p.replace(/ \(.*\)$/, "");

const tmp = mkdtempSync(join(tmpdir(), "ecosim-imports-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Every kind of edge the rules tell apart. */
const FIXTURE = {
  // a runtime cycle inside a layer
  "src/model/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
  "src/model/b.ts": 'import { a } from "./a.js";\nexport const b = () => a;\n',
  // a type-only cycle: erased, allowed
  "src/model/c.ts": 'import type { D } from "./d.js";\nexport interface C {\n  d?: D;\n}\n',
  "src/model/d.ts": 'import { type C } from "./c.js";\nexport interface D {\n  c?: C;\n}\n',
  // engine → analysis: wrong way, at runtime and type-only alike; with f.ts back, a cycle too
  "src/engine/e.ts":
    'import { a } from "../model/a.js";\nimport { f } from "../analysis/f.js";\nexport const e = () => [a, f];\n',
  "src/engine/g.ts": 'import type { F } from "../analysis/f.js";\nexport type G = F;\n',
  "src/analysis/f.ts":
    'import { e } from "../engine/e.js";\nexport const f = () => e;\nexport type F = number;\n',
  // downward, multi-line, re-exports, the package entry importing the top layer: all fine
  "src/scenario/s.ts":
    'import {\n  a,\n  b,\n} from "../model/a.js";\nexport * from "../model/c.js";\nexport { a, b };\n',
  "src/cli/main.ts": 'export { e } from "../engine/e.js";\nexport type { F } from "../analysis/f.js";\n',
  "src/index.ts": 'export * from "./cli/main.js";\nexport { s } from "./scenario/s.js";\n',
};

describe("import graph", () => {
  it("src/ has no wrong-way import and no runtime cycle", () => {
    const r = check(ROOT);
    expect(r.problems).toEqual([]);
    expect(r.last).toBe("0 import problems");
    expect(r.status).toBe(0);
  });

  it("names every wrong-way edge and runtime cycle of a fixture, and only those", () => {
    const r = check(tree("fixture", FIXTURE));
    expect(r.problems).toEqual([
      "wrong way: src/engine/e.ts -> src/analysis/f.ts (line 2: engine may not import analysis)",
      "wrong way: src/engine/g.ts -> src/analysis/f.ts (line 1: engine may not import analysis)",
      "runtime cycle: src/analysis/f.ts src/engine/e.ts (src/analysis/f.ts -> src/engine/e.ts -> src/analysis/f.ts)",
      "runtime cycle: src/model/a.ts src/model/b.ts (src/model/a.ts -> src/model/b.ts -> src/model/a.ts)",
    ]);
    expect(r.last).toBe("4 import problems");
    expect(r.status).toBe(1);
  });

  it("counts a dynamic import for the layers but not for cycles, and a bare import for both", () => {
    const r = check(
      tree("dynamic", {
        "src/model/h.ts": 'export const load = () => import("../cli/k.js");\n',
        "src/cli/k.ts": 'import { load } from "../model/h.js";\nexport const k = load;\n',
        "src/scenario/m.ts": 'import "./n.js";\nexport const m = 1;\n',
        "src/scenario/n.ts": 'import { m } from "./m.js";\nexport const n = m;\n',
      }),
    );
    expect(r.problems).toEqual([
      "wrong way: src/model/h.ts -> src/cli/k.ts (line 1: model may not import cli)",
      "runtime cycle: src/scenario/m.ts src/scenario/n.ts (src/scenario/m.ts -> src/scenario/n.ts -> src/scenario/m.ts)",
    ]);
  });

  it.skipIf(!existsSync(ACCEPTANCE) || !hasPython)("agrees with the acceptance check", () => {
    const fixture = join(tmp, "fixture");
    if (!existsSync(fixture)) tree("fixture", FIXTURE);
    for (const root of [ROOT, fixture]) {
      expect(check(root).problems.map(bare).sort()).toEqual(acceptance(root).sort());
    }
  });
});
