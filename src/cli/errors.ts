/**
 * Turns anything thrown into one clear message on stderr and an exit code. Errors that the
 * user can fix (bad scenario, bad flag) carry `exitCode` 2 and print without a stack trace.
 */
export function reportFailure(err: unknown): number {
  const code = exitCodeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 2) {
    process.stderr.write(`ecosim: ${message}\n`);
  } else {
    const stack = err instanceof Error && process.env.ECOSIM_DEBUG ? `\n${err.stack}` : "";
    process.stderr.write(`ecosim: ${message}${stack}\n`);
  }
  return code;
}

function exitCodeOf(err: unknown): number {
  if (typeof err === "object" && err !== null && "exitCode" in err) {
    const code = (err as { exitCode: unknown }).exitCode;
    if (typeof code === "number" && Number.isInteger(code) && code > 0) return code;
  }
  return 1;
}
