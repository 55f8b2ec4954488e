import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The browser builds of vega, vega-lite and vega-embed, read from node_modules at run time so
 * the report inlines exactly the versions installed (and works offline).
 */
const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  // vega-embed's "exports" hide package.json; resolve its entry and walk up to the package root
  let dir = dirname(require.resolve(name));
  while (!dir.endsWith(`node_modules/${name}`) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export interface Library {
  name: string;
  version: string;
  source: string;
}

let cached: Library[] | undefined;

export function browserLibraries(): Library[] {
  if (cached) return cached;
  const libs: [string, string][] = [
    ["vega", "build/vega.min.js"],
    ["vega-lite", "build/vega-lite.min.js"],
    ["vega-embed", "build/vega-embed.min.js"],
  ];
  cached = libs.map(([name, file]) => {
    const dir = packageDir(name);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
    return { name, version: pkg.version, source: readFileSync(join(dir, file), "utf8") };
  });
  return cached;
}

export function libraryVersions(): Record<string, string> {
  return Object.fromEntries(browserLibraries().map((l) => [l.name, l.version]));
}
