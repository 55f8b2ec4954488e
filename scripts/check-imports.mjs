#!/usr/bin/env node
/**
 * The import graph of src/: no arrow against the layers and no runtime import cycle.
 *
 *   node scripts/check-imports.mjs [root]     (root: the checkout, default the current directory)
 *
 * Prints one line per problem and, last, "N import problems"; exits 1 when there is any.
 *
 * Layers, lowest first: model, scenario, engine, analysis, report, cli. A file of src/<layer>/
 * may import its own layer and the layers below it, never one above: cli → report → analysis →
 * engine → scenario → model. That holds for type-only imports too. Files directly in src/ (the
 * package entry, src/index.ts) belong to no layer and may import any.
 *
 * A runtime cycle is a strongly connected set of two or more files over the runtime imports:
 * `import`/`export … from "./x.js"` and `import "./x.js"`, unless the declaration is type-only
 * (`import type`, `export type`, or every name in its braces marked `type`), which the compiler
 * erases. Dynamic `import("./x.js")` and `import("./x.js").T` types count for the layers, not for
 * cycles (they load after the module graph is evaluated).
 *
 * Same rules as the acceptance check (shared/acceptance/imports.py), read with the TypeScript
 * parser instead of a regular expression; test/imports.test.ts runs both on src/ and a fixture.
 * Where they differ this check is the stricter: imports.py does not see bare `import "./x.js"`
 * or dynamic imports, and takes `import X, { type Y }` (X is a value) for type-only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const LAYERS = ["model", "scenario", "engine", "analysis", "report", "cli"];

/** The layer of a root-relative path (src/<layer>/…), or undefined. */
export function layerOf(path) {
  const parts = path.split("/");
  return parts[0] === "src" && parts.length > 2 && LAYERS.includes(parts[1]) ? parts[1] : undefined;
}

function sourceFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith(".ts"))
        out.push(relative(root, full).split(sep).join("/"));
    }
  };
  walk(join(root, "src"));
  return out.sort();
}

/** The file a relative specifier names, root-relative: ./x.js → x.ts, ./x → x.ts. */
function target(from, spec) {
  const b = posix.normalize(posix.join(posix.dirname(from), spec));
  return b.endsWith(".js") ? `${b.slice(0, -3)}.ts` : `${b}.ts`;
}

const allTypes = (elements) => elements.length > 0 && elements.every((e) => e.isTypeOnly);

/**
 * The relative imports of one file: { to, kind, line } with kind "runtime", "type" (erased) or
 * "dynamic" (import() expressions and import("…") types).
 */
export function importsOf(path, text) {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out = [];
  const add = (spec, kind, node) => {
    if (!spec.startsWith(".")) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    out.push({ to: target(path, spec), kind, line });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly =
        !!c &&
        (c.isTypeOnly ||
          (!c.name &&
            !!c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            allTypes(c.namedBindings.elements)));
      add(node.moduleSpecifier.text, typeOnly ? "type" : "runtime", node);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const e = node.exportClause;
      const typeOnly = node.isTypeOnly || (!!e && ts.isNamedExports(e) && allTypes(e.elements));
      add(node.moduleSpecifier.text, typeOnly ? "type" : "runtime", node);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node.moduleReference.expression.text, node.isTypeOnly ? "type" : "runtime", node);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, "dynamic", node);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal.text, "dynamic", node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Strongly connected sets of two or more nodes (Tarjan), each sorted, ordered by first member. */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let n = 0;
  const visit = (v) => {
    index.set(v, n);
    low.set(v, n);
    n++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) found.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}

/** One shortest cycle through the first member of a strongly connected set, as a path. */
function cyclePath(graph, members) {
  const inside = new Set(members);
  const start = members[0];
  const from = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = from.get(u)) path.unshift(u);
        path.unshift(start);
        return path;
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return members;
}

/**
 * Checks the import graph of root/src. Returns the problems, one line each:
 *   "wrong way: <from> -> <to> (line L: <layer> may not import <layer>)"
 *   "runtime cycle: <files, sorted> (<a> -> <b> -> … -> <a>)"
 */
export function checkImports(root) {
  const edges = new Map();
  for (const file of sourceFiles(root)) {
    const list = importsOf(file, readFileSync(join(root, file), "utf8"));
    if (list.length > 0) edges.set(file, list);
  }
  const problems = [];
  for (const [from, list] of edges) {
    const la = layerOf(from);
    if (la === undefined) continue;
    const seen = new Set();
    for (const { to, line } of list) {
      const lb = layerOf(to);
      if (lb === undefined || LAYERS.indexOf(lb) <= LAYERS.indexOf(la) || seen.has(to)) continue;
      seen.add(to);
      problems.push(`wrong way: ${from} -> ${to} (line ${line}: ${la} may not import ${lb})`);
    }
  }
  const runtime = new Map();
  for (const [from, list] of edges) {
    const to = [...new Set(list.filter((e) => e.kind === "runtime").map((e) => e.to))];
    if (to.length > 0) runtime.set(from, to);
  }
  for (const members of cycles(runtime)) {
    problems.push(`runtime cycle: ${members.join(" ")} (${cyclePath(runtime, members).join(" -> ")})`);
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? process.cwd());
  const problems = checkImports(root);
  for (const p of problems) console.log(p);
  console.log(`${problems.length} import problems`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
