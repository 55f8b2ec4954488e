/** A mistake on the command line (a flag, a command, an argument): exit 2, no stack trace. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/**
 * Characters that act on a terminal (C0 and C1 controls but the line break, DEL) or reorder the
 * text around them (bidirectional embeddings, overrides and isolates).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Turns anything thrown into one clear message on stderr and an exit code. Errors that the
 * user can fix (bad scenario, bad flag) carry `exitCode` 2 and print without a stack trace.
 * Whatever the message quotes (a file name, a flag's value) is printed as text: control
 * characters come out as \uXXXX escapes.
 */
export function reportFailure(err: unknown): number {
  const code = exitCodeOf(err);
  const message = (err instanceof Error ? err.message : String(err)).replace(
    UNPRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
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
