import { didYouMean, escapeControls } from "../scenario/errors.js";

/**
 * The messages of yargs' usage failures, kept apart from the flag checks of args.ts so that
 * `ecosim --help`, `--version` or a mistyped command load no parameter schema.
 */

/** A word as typed, quoted and cut to a readable length. */
export const shown = (text: string) => {
  const s = JSON.stringify(text);
  return s.length > 42 ? `${s.slice(0, 40)}…"` : s;
};

/** What `ecosim <command>` needs, from the command's yargs definition ("run <scenario>"). */
export interface CommandInfo {
  readonly name: string;
  readonly usage: string;
}

/**
 * A message a user can act on for one of yargs' validation failures (unknown command or flag,
 * missing argument, bad choice…), naming the command and where to read more.
 */
export function usageMessage(
  msg: string,
  words: readonly string[],
  commands: readonly CommandInfo[],
): string {
  const names = commands.map((c) => c.name);
  const first = words.find((w) => !w.startsWith("-"));
  const command = first !== undefined ? commands.find((c) => c.name === first) : undefined;
  const help = command ? `ecosim ${command.name} --help` : "ecosim --help";
  if (first === undefined && /^Name a command/.test(msg)) {
    return `name a command: ${names.join(", ")}; ecosim --help describes them`;
  }
  if (!command && first !== undefined && (/^Unknown argument/.test(msg) || /^Did you mean/.test(msg))) {
    const guess = didYouMean(first, names);
    return escapeControls(
      `unknown command ${shown(first)}${guess ? ` (did you mean ${guess}?)` : ""}: the commands are ${names.join(", ")}; ecosim --help describes them`,
    );
  }
  const unknown = /^Unknown arguments?: (.+)$/s.exec(msg);
  if (unknown) {
    const parts = unknown[1].split(", ");
    const flags = parts.filter((p) =>
      words.some((w) => w === `--${p}` || w.startsWith(`--${p}=`) || w === `-${p}`),
    );
    if (flags.length > 0) {
      return escapeControls(`unknown option --${flags[0]}: ${help} lists the options`);
    }
    return escapeControls(
      `unexpected argument ${shown(parts[0])}${command ? `: usage: ecosim ${command.usage}` : ""}; ${help} describes it`,
    );
  }
  const missing = /^Missing required arguments?: (.+)$/.exec(msg);
  if (missing) {
    const list = missing[1]
      .split(", ")
      .map((k) => `--${k}`)
      .join(", ");
    return `${command ? `${command.name} needs` : "missing"} ${list}: ${help} describes it`;
  }
  const positional = /^Not enough non-option arguments: got (\d+), need at least (\d+)/.exec(msg);
  if (positional && command) {
    const wanted = command.usage.match(/<[^>]+>/g) ?? [];
    const lacking = wanted.slice(Number(positional[1])).join(" ") || "more arguments";
    return `${command.name} needs ${lacking}: usage: ecosim ${command.usage}; ${help} describes them`;
  }
  const following = /^Not enough arguments following: (.+)$/.exec(msg);
  if (following) return `--${following[1]} needs a value`;
  const choice = /^Invalid values:\s*Argument: ([^,]+), Given: (.+), Choices: (.+)$/s.exec(
    msg.replace(/\n\s*/g, " "),
  );
  if (choice) return escapeControls(`--${choice[1]}: ${choice[2]} is not one of ${choice[3]}`);
  return escapeControls(`${msg.replace(/\n\s*/g, " ")} (${help} describes the options)`);
}
