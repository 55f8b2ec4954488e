import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { CLI, ROOT } from "./engine-helpers.js";

/**
 * Redis for the distributed tests (no test of its own). ECOSIM_TEST_REDIS_URL when set (CI
 * starts one); otherwise a redis-server of our own on a free loopback port when one is on PATH;
 * otherwise null (the tests skip), except under CI, where a missing Redis is an error.
 * Each test file takes its own database of the server and empties it first, so files running in
 * parallel on one server do not meet.
 */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export async function provideRedis(db: number): Promise<TestRedis | null> {
  const given = process.env.ECOSIM_TEST_REDIS_URL;
  if (given) {
    const url = withDb(given, db);
    await flush(url);
    return { url, stop: async () => {} };
  }
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (found.error || found.status !== 0) {
    if (process.env.CI) {
      throw new Error("CI is set but there is no Redis: set ECOSIM_TEST_REDIS_URL or install redis-server");
    }
    return null;
  }
  const port = await freePort();
  const server = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}/${db}`;
  for (let i = 0; ; i++) {
    try {
      await flush(url);
      break;
    } catch (err) {
      if (i > 100) throw err;
      await sleep(50);
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
      }),
  };
}

export function withDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Empties the URL's database (what a Redis restarted without persistence holds). */
export async function flush(url: string): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  r.on("error", () => {});
  try {
    await r.connect();
    await r.flushdb();
  } finally {
    r.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A CLI process running in the background, with its output collected. */
export interface Proc {
  child: ChildProcess;
  out(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the output matches `re` (rejects after timeoutMs or if the process exits first). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let text = "";
  child.stdout?.on("data", (d) => {
    text += d;
  });
  child.stderr?.on("data", (d) => {
    text += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  return {
    child,
    out: () => text,
    exited,
    async waitFor(re, timeoutMs = 30_000) {
      const t0 = Date.now();
      while (!re.test(text)) {
        if (gone) throw new Error(`process exited before printing ${re}:\n${text}`);
        if (Date.now() - t0 > timeoutMs) throw new Error(`no ${re} within ${timeoutMs} ms:\n${text}`);
        await sleep(25);
      }
    },
  };
}

/** Starts `ecosim worker` processes on `url` and waits until each is ready. */
export async function startWorkers(
  url: string,
  n: number,
  env: NodeJS.ProcessEnv = {},
  extra: string[] = [],
): Promise<Proc[]> {
  const procs = Array.from({ length: n }, () =>
    startCli(
      [
        "worker",
        "--backend",
        url,
        "--concurrency",
        "1",
        "--lock-duration",
        "1500",
        "--stalled-interval",
        "500",
        ...extra,
      ],
      env,
    ),
  );
  await Promise.all(procs.map((p) => p.waitFor(/worker ready/)));
  return procs;
}

/** Stops workers with SIGTERM and waits for them to exit. */
export async function stopAll(procs: Proc[]): Promise<void> {
  for (const p of procs)
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGTERM");
  await Promise.all(procs.map((p) => p.exited));
}
