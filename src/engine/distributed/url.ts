/**
 * The Redis URL of a distributed sweep: where it comes from (`--backend`, or ECOSIM_REDIS_URL),
 * its check, and its redaction. A password is never printed or written: every message and every
 * file shows the URL with its password replaced by `***`.
 */

/** The environment variable that holds the Redis URL (password included) when --backend does not. */
export const REDIS_URL_ENV = "ECOSIM_REDIS_URL";

/** A backend the user named wrongly: a flag to fix (exit code 2). */
export class BackendError extends Error {
  readonly exitCode = 2;
}

/**
 * The Redis URL to use: `given` when it is a redis:// or rediss:// URL; the environment's
 * ECOSIM_REDIS_URL when `given` is absent or the bare word "redis".
 */
export function resolveRedisUrl(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = given === undefined || given === "" || given === "redis";
  const url = fromEnv ? env[REDIS_URL_ENV] : given;
  if (!url) {
    throw new BackendError(
      given === undefined
        ? `no Redis to connect to: pass --backend redis://host:port/db or set ${REDIS_URL_ENV}`
        : `--backend ${given}: ${REDIS_URL_ENV} is not set`,
    );
  }
  checkRedisUrl(url, fromEnv ? REDIS_URL_ENV : "--backend");
  return url;
}

/** Throws a BackendError (with the URL redacted) unless `url` is a usable redis:// or rediss:// URL. */
export function checkRedisUrl(url: string, label: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BackendError(
      `${label} ${redactUrl(url)}: not a URL; expected redis://[user:password@]host:port/db or rediss://…`,
    );
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new BackendError(
      `${label} ${redactUrl(url)}: unsupported backend ${JSON.stringify(parsed.protocol.replace(/:$/, ""))}; ` +
        "expected redis://[user:password@]host:port/db or rediss://… (TLS)",
    );
  }
  if (!parsed.hostname) throw new BackendError(`${label} ${redactUrl(url)}: the URL names no host`);
  const db = parsed.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d{1,5}$/.test(db)) {
    throw new BackendError(`${label} ${redactUrl(url)}: the database ${JSON.stringify(db)} is not a number`);
  }
  return parsed;
}

/** The URL with its password (if any) replaced by `***`; text that is not a URL is masked after "@". */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^@/]*):([^@/]*)@/, "//$1:***@");
  }
}

/** `text` with the URL's password, raw or percent-encoded, replaced by `***` wherever it occurs. */
export function redactSecrets(text: string, url: string): string {
  let out = text.split(url).join(redactUrl(url));
  let password = "";
  try {
    password = new URL(url).password;
  } catch {
    return out;
  }
  if (!password) return out;
  for (const form of new Set([password, safeDecode(password)])) {
    if (form.length >= 3) out = out.split(form).join("***");
  }
  return out;
}

/** Command-line words with every redis:// or rediss:// URL redacted (for manifests and hints). */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((word) => word.replace(/rediss?:\/\/\S+/g, (url) => redactUrl(url)));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** BullMQ connection options for `url` (workers need maxRetriesPerRequest: null). */
export function connectionFor(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}

/** Rejects with "no answer within N s" when `promise` takes longer than `ms` (Redis unreachable). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
