import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * `mkdir -p` that reports the real cause. Node's recursive mkdir says ENOENT when the folder
 * cannot be made on a read-only file system (EROFS) or under a parent it may not write (EACCES):
 * a message a user cannot act on. On ENOENT this creates the missing levels one at a time, so the
 * first that fails throws its own code.
 */
export function makeDirs(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    const missing: string[] = [];
    for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
      missing.unshift(d);
      if (dirname(d) === d) break;
    }
    for (const d of missing) mkdirSync(d);
    throw e;
  }
}
