import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { formatParamsMarkdown, ODD_APPENDIX_HEADING } from "../src/cli/commands/params.js";
import { listParams } from "../src/scenario/index.js";

/**
 * docs/ODD.md against the code (issue #15): the functions the ODD's sections 2–7 name are the
 * functions that run, and its Appendix A is what `ecosim params --markdown` writes.
 * `npm run odd:params` (ECOSIM_ODD_UPDATE=1) rewrites the appendix.
 */

const ROOT = join(import.meta.dirname, "..");
const ODD_PATH = join(ROOT, "docs", "ODD.md");
const odd = readFileSync(ODD_PATH, "utf8");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/**
 * Names declared in src/model (functions, methods, classes, constants), each with the identifiers
 * its body or initialiser uses.
 */
function modelCallGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of filesUnder(join(ROOT, "src", "model"))) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node, owner: Set<string> | null): void => {
      let current = owner;
      const named =
        (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isClassDeclaration(node)) &&
        node.name
          ? node.name.getText(source)
          : ts.isVariableDeclaration(node) &&
              ts.isIdentifier(node.name) &&
              ts.isSourceFile(node.parent.parent.parent) // module-level constants only
            ? node.name.text
            : null;
      if (named) {
        current = graph.get(named) ?? new Set<string>();
        graph.set(named, current);
      }
      // a reference (call, or a function passed as a value) makes the referenced name reachable
      if (current && ts.isIdentifier(node)) current.add(node.text);
      ts.forEachChild(node, (child) => visit(child, current));
    };
    visit(source, null);
  }
  return graph;
}

/** Every name reachable from `simulate` through the references of the bodies that run. */
function reachableFromSimulate(graph: Map<string, Set<string>>): Set<string> {
  const seen = new Set<string>(["simulate"]);
  const queue = ["simulate"];
  while (queue.length > 0) {
    const name = queue.pop()!;
    for (const next of graph.get(name) ?? []) {
      if (graph.has(next) && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * The function names the ODD cites in sections 2–7, by its two conventions: an entry that opens
 * with the name (`- \`name\`: …`, `- \`name\` (…)`, or `; \`name\`: …` within a bullet), and a file
 * reference (`file.ts → a, b`).
 */
function oddFunctionNames(): string[] {
  const start = odd.indexOf("## 2.");
  const end = odd.indexOf("## Appendix A.");
  const body = odd.slice(start, end);
  const names = new Set<string>();
  for (const m of body.matchAll(/(?:^\s*- |; )`([a-z][A-Za-z0-9]*)`(?=:| \()/gm)) names.add(m[1]);
  for (const m of body.matchAll(/`[\w./]+\.ts → ([^`]+)`/g)) {
    for (const name of m[1].split(",")) names.add(name.trim());
  }
  return [...names].sort();
}

describe("docs/ODD.md describes the code that runs", () => {
  const graph = modelCallGraph();
  const reachable = reachableFromSimulate(graph);
  const cited = oddFunctionNames();

  it("the ODD cites its functions (the conventions this test reads still hold)", () => {
    expect(cited.length).toBeGreaterThan(40);
    expect(cited).toContain("competitiveness");
    expect(cited).toContain("innovationHazard");
  });

  it("every function the ODD's sections 2–7 name exists in src/model and runs from simulate", () => {
    const missing = cited.filter((name) => !graph.has(name));
    const unreachable = cited.filter((name) => graph.has(name) && !reachable.has(name));
    expect({ missing, unreachable }).toEqual({ missing: [], unreachable: [] });
  });

  it("Appendix A is what `ecosim params --markdown` writes", () => {
    const generated = formatParamsMarkdown(listParams());
    const at = odd.indexOf(ODD_APPENDIX_HEADING);
    if (process.env.ECOSIM_ODD_UPDATE === "1") {
      const from = at >= 0 ? at : odd.indexOf("## Appendix A.");
      writeFileSync(ODD_PATH, `${odd.slice(0, from)}${generated}`);
      return;
    }
    expect(at, "docs/ODD.md has no generated Appendix A: run `npm run odd:params`").toBeGreaterThan(0);
    expect(odd.slice(at), "Appendix A differs from params.ts: run `npm run odd:params`").toBe(generated);
  });
});
