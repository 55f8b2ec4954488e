import { constants } from "node:os";

/**
 * Stopping a long command on SIGINT (Ctrl-C) or SIGTERM, as `sweep`, `compare`, `validate` and
 * `sensitivity` do: the first signal aborts `signal`, so the work stops at its next safe point
 * (every finished run is already on disk) and the command prints the `--resume` command and
 * exits with `exitCode`; a second signal calls `onRepeat` (to say the same at once) and exits
 * there and then. Nothing is printed here: the command says what it has to say.
 */
export interface SignalStop {
  /** Aborted by the first SIGINT or SIGTERM (its reason: an Error naming the signal). */
  readonly signal: AbortSignal;
  /** The first signal received, or null. */
  readonly received: NodeJS.Signals | null;
  /** The exit status for the signal received (SIGINT when none was): 130, or 143 for SIGTERM. */
  readonly exitCode: number;
  /** Removes the handlers (the process then reacts to signals as it would without them). */
  dispose(): void;
}

/** The conventional exit status of a process stopped by `sig`: 128 + its number. */
export function exitCodeFor(sig: NodeJS.Signals): number {
  return 128 + (constants.signals[sig] ?? constants.signals.SIGINT);
}

/** Handles SIGINT and SIGTERM until dispose(); see SignalStop. */
export function stopOnSignals(onRepeat: (sig: NodeJS.Signals) => void = () => {}): SignalStop {
  const controller = new AbortController();
  let received: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    if (received) {
      onRepeat(sig);
      process.exit(exitCodeFor(sig));
    }
    received = sig;
    controller.abort(new Error(`interrupted by ${sig}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    get exitCode() {
      return exitCodeFor(received ?? "SIGINT");
    },
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** A command line that a shell reads back as these words. */
export function commandLine(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
