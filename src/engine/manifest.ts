import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { arch, cpus, hostname, platform, totalmem } from "node:os";
import { join } from "node:path";
import type { SweepPlan } from "./types.js";

/**
 * manifest.json of a results directory: what was run (the resolved scenario, its design and
 * seeds), with what (versions) and where (host). It is the one file allowed to differ between
 * identical sweeps; `planHash` is what tells whether a directory belongs to a plan.
 */
export interface Manifest {
  format: "ecosim-results/1";
  kind: "sweep" | "run";
  status: "running" | "interrupted" | "complete";
  scenarioHash: string;
  planHash: string;
  scenario: unknown;
  design: unknown;
  seeds: unknown;
  plan: { count: number; points: number; replications: number };
  versions: { ecosim: string; node: string };
  host: { hostname: string; platform: string; arch: string; cpus: number; memoryBytes: number };
  createdAt: string;
  updatedAt: string;
  extra?: Record<string, unknown>;
}

/** Identity of a plan: its scenario hash and everything that decides its jobs' inputs. */
export function planHash(plan: SweepPlan): string {
  const h = createHash("sha256");
  h.update(plan.scenarioHash);
  h.update(JSON.stringify([plan.count, plan.points, plan.replications]));
  if (plan.count > 0) {
    const first = plan.jobAt(0);
    const last = plan.jobAt(plan.count - 1);
    h.update(JSON.stringify([first, plan.paramsFor(first), last, plan.paramsFor(last)]));
  }
  return h.digest("hex").slice(0, 16);
}

export function hostInfo(): Manifest["host"] {
  return {
    hostname: hostname(),
    platform: platform(),
    arch: arch(),
    cpus: cpus().length,
    memoryBytes: totalmem(),
  };
}

let cachedVersion: string | undefined;
/** The package's version (from package.json next to dist/ or src/). */
export function packageVersion(): string {
  if (cachedVersion === undefined) {
    const path = new URL("../../package.json", import.meta.url);
    cachedVersion = String(
      (JSON.parse(readFileSync(path, "utf8")) as { version?: string }).version ?? "0.0.0",
    );
  }
  return cachedVersion;
}

export function versions(): Manifest["versions"] {
  return { ecosim: packageVersion(), node: process.version };
}

/** A manifest.json that cannot be read as one (empty, cut short, not JSON): the user must act. */
export class ManifestError extends Error {
  readonly exitCode = 2;
}

/**
 * The manifest of a results directory, or null when it has none. A damaged one is an error that
 * names the file and what is wrong with it.
 */
export function readManifest(dir: string): Manifest | null {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return null;
  const text = readFileSync(path, "utf8");
  const damaged = (what: string) =>
    new ManifestError(
      `${path}: ${what}: the results folder's manifest is damaged (a copy cut short?); restore manifest.json from a backup, or choose another --out`,
    );
  if (text.trim() === "") throw damaged("the file is empty");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw damaged(`not valid JSON (${(e as Error).message.replace(/, ".*" is not valid JSON$/s, "")})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw damaged("not a JSON object");
  return value as Manifest;
}

/**
 * JSON with the first `levels` levels of objects indented, one key a line, and everything deeper
 * on one line: a manifest's sections stay readable while a scenario's hundreds of parameters do
 * not take a line each (and each parameter reads as `"path":value`, easy to grep).
 */
export function formatJson(value: unknown, levels = Number.POSITIVE_INFINITY, indent = ""): string {
  if (levels <= 0 || value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + formatJson(v, levels - 1, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, levels - 1, inner)}`);
  return `{\n${lines.join(",\n")}\n${indent}}`;
}

/** Writes a JSON file atomically (temp file, fsync, rename); `levels` as in `formatJson`. */
export function writeJsonAtomic(path: string, value: unknown, levels?: number): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, `${levels === undefined ? JSON.stringify(value, null, 2) : formatJson(value, levels)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
