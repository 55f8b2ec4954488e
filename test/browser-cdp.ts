import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";

/**
 * A tiny Chrome DevTools Protocol client over --remote-debugging-pipe (fd 3: to the browser,
 * fd 4: from it; messages are JSON terminated by NUL), enough to load a page, watch its console,
 * evaluate expressions and take a screenshot. No puppeteer, no download: Debian's chromium.
 */
export function findChromium(): string | null {
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

type Message = {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: unknown;
  error?: { message: string };
};

export class Browser {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners: ((m: Message) => void)[] = [];
  private buffer = "";
  readonly stderr: string[] = [];

  private constructor(
    private readonly proc: ChildProcess,
    private readonly profile: string,
  ) {
    const out = proc.stdio[4] as Readable;
    out.setEncoding("utf8");
    out.on("data", (chunk: string) => {
      this.buffer += chunk;
      let end = this.buffer.indexOf("\0");
      while (end >= 0) {
        const msg = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        this.dispatch(msg);
        end = this.buffer.indexOf("\0");
      }
    });
    proc.stderr?.on("data", (d: Buffer) => this.stderr.push(d.toString()));
  }

  static launch(executable: string): Browser {
    const profile = mkdtempSync(join(tmpdir(), "ecosim-chromium-"));
    const proc = spawn(
      executable,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        `--user-data-dir=${profile}`,
        "--remote-debugging-pipe",
        "about:blank",
      ],
      { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
    );
    return new Browser(proc, profile);
  }

  private dispatch(msg: Message): void {
    if (msg.id !== undefined && this.pending.has(msg.id)) {
      const p = this.pending.get(msg.id)!;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
      return;
    }
    for (const l of this.listeners) l(msg);
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    const id = this.nextId++;
    const msg: Message = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      (this.proc.stdio[3] as Writable).write(`${JSON.stringify(msg)}\0`);
    });
  }

  on(listener: (m: Message) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.send("Browser.close"), new Promise((r) => setTimeout(r, 3000))]);
    } catch {
      // already gone
    }
    await this.exited(3000);
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill("SIGKILL");
      await this.exited(3000);
    }
    // Chromium's helper processes can still be flushing into the profile for a moment after
    // the browser exits (CI once failed on ENOTEMPTY here): retry, and never fail a test on
    // the clean-up of a temporary folder.
    try {
      rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (e) {
      console.warn(`could not remove ${this.profile}: ${(e as Error).message}`);
    }
  }

  private exited(timeoutMs: number): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.proc.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export interface PageReport {
  consoleErrors: string[];
  dialogs: string[];
  /** Requests for anything but file: and data: URLs. */
  networkRequests: string[];
  evaluate<T>(expression: string): Promise<T>;
  screenshot(): Promise<Buffer>;
}

/** Opens `url` in a new tab, waits for `readyExpression` to be true, and reports what happened. */
export async function openPage(
  browser: Browser,
  url: string,
  readyExpression: string,
  timeoutMs = 60_000,
): Promise<PageReport> {
  const { targetId } = await browser.send<{ targetId: string }>("Target.createTarget", {
    url: "about:blank",
  });
  const { sessionId } = await browser.send<{ sessionId: string }>("Target.attachToTarget", {
    targetId,
    flatten: true,
  });
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  const networkRequests: string[] = [];
  browser.on((m) => {
    if (m.sessionId !== sessionId || !m.params) return;
    // biome-ignore lint/suspicious/noExplicitAny: CDP event payloads are loosely typed
    const p = m.params as Record<string, any>;
    if (m.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert")) {
      consoleErrors.push(
        (p.args ?? [])
          .map((a: { value?: unknown; description?: string }) => a.value ?? a.description)
          .join(" "),
      );
    } else if (m.method === "Runtime.exceptionThrown") {
      consoleErrors.push(
        p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text ?? "exception",
      );
    } else if (m.method === "Log.entryAdded" && p.entry?.level === "error") {
      consoleErrors.push(`${p.entry.source}: ${p.entry.text}`);
    } else if (m.method === "Page.javascriptDialogOpening") {
      dialogs.push(String(p.message));
      void browser.send("Page.handleJavaScriptDialog", { accept: true }, sessionId);
    } else if (m.method === "Network.requestWillBeSent") {
      const u = String(p.request?.url ?? "");
      if (!u.startsWith("file:") && !u.startsWith("data:") && !u.startsWith("about:"))
        networkRequests.push(u);
    }
  });
  for (const domain of ["Runtime", "Log", "Page", "Network"])
    await browser.send(`${domain}.enable`, {}, sessionId);
  await browser.send(
    "Emulation.setDeviceMetricsOverride",
    { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false },
    sessionId,
  );
  await browser.send("Page.navigate", { url }, sessionId);
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await browser.send<{ result: { value: T }; exceptionDetails?: unknown }>(
      "Runtime.evaluate",
      { expression, returnByValue: true, awaitPromise: true },
      sessionId,
    );
    if (r.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(r.exceptionDetails)}`);
    return r.result.value;
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await evaluate<boolean>(readyExpression).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`page not ready after ${timeoutMs} ms: ${readyExpression}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    consoleErrors,
    dialogs,
    networkRequests,
    evaluate,
    async screenshot() {
      const height = await evaluate<number>("Math.ceil(document.documentElement.scrollHeight)");
      await browser.send(
        "Emulation.setDeviceMetricsOverride",
        { width: 1280, height: Math.min(height, 16000), deviceScaleFactor: 1, mobile: false },
        sessionId,
      );
      const { data } = await browser.send<{ data: string }>(
        "Page.captureScreenshot",
        { format: "png" },
        sessionId,
      );
      return Buffer.from(data, "base64");
    },
  };
}
