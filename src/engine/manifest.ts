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

export function readManifest(dir: string): Manifest | null {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}

/** Writes a JSON file atomically (temp file, fsync, rename). */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
