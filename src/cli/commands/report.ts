import { join } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { writeDocOutputs } from "../../report/comparisonReport.js";
import { defaultLang, isLang, LANGS } from "../../report/i18n/index.js";
import { reportDocFor, resultsKind } from "../../report/resultsReport.js";

interface ReportArgs {
  dir: string;
  lang?: string;
}

/** `ecosim report <dir>`: charts and report.html for a finished run, sweep or compare directory. */
export const reportCommand: CommandModule<object, ReportArgs> = {
  command: "report <dir>",
  describe: "Rebuild the charts and report.html of a finished run, sweep or compare directory",
  builder: (y: Argv<object>) =>
    y
      .positional("dir", { type: "string", demandOption: true, describe: "Results directory" })
      .option("lang", { type: "string", choices: LANGS, describe: "Language (default: from the locale)" }),
  handler: async (args) => {
    const lang = isLang(args.lang) ? args.lang : defaultLang();
    const kind = resultsKind(args.dir);
    const files = await writeDocOutputs(args.dir, reportDocFor(args.dir, lang), lang);
    process.stdout.write(
      `${kind}: wrote ${files.length} files in ${args.dir}\nReport: ${join(args.dir, "report.html")}\n`,
    );
  },
};
