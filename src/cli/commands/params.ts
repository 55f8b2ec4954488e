import type { CommandModule } from "yargs";
import { listParams, type ParamInfo } from "../../scenario/index.js";

interface ParamsArgs {
  json: boolean;
  filter?: string;
}

/** Parameters whose path, description, unit or source contains `text` (case-insensitive). */
export function filterParams(params: ParamInfo[], text: string | undefined): ParamInfo[] {
  if (!text) return params;
  const needle = text.toLowerCase();
  return params.filter((p) =>
    [p.path, p.description, p.unit, p.source].some((field) => field.toLowerCase().includes(needle)),
  );
}

/** The group a parameter is listed under: its section, or the instrument for instruments.*. */
function groupOf(path: string): string {
  const segs = path.split(".");
  if (segs.length === 1) return "run";
  if (segs[0] === "instruments") return segs.slice(0, 2).join(".");
  return segs[0];
}

function range(p: ParamInfo): string {
  if (p.type === "boolean") return "on/off";
  const bracket = p.type === "integer" ? "int " : "";
  return `${bracket}[${p.min}, ${p.max}]`;
}

/**
 * A readable table: one block per section (one per instrument), columns aligned across the
 * whole table: path, default, bounds, unit, source.
 */
export function formatParamsTable(params: ParamInfo[]): string {
  if (params.length === 0) return "No parameter matches.\n";
  const rows = params.map((p) => ({
    group: groupOf(p.path),
    cells: [p.path, String(p.default), range(p), p.unit, p.source],
  }));
  const header = ["path", "default", "bounds", "unit", "source"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const out: string[] = [line(header)];
  let group = "";
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      out.push("", `# ${group}`);
    }
    out.push(line(r.cells));
  }
  out.push("", `${params.length} parameters. Set any of them in a scenario file by its path.`);
  return `${out.join("\n")}\n`;
}

export const paramsCommand: CommandModule<object, ParamsArgs> = {
  command: "params",
  describe: "List every model parameter with its default, bounds, unit and source",
  builder: (y) =>
    y
      .option("json", { type: "boolean", default: false, describe: "Print JSON (an array of parameters)" })
      .option("filter", {
        type: "string",
        describe: "Only parameters whose path, description, unit or source contains TEXT",
      }),
  handler: (args) => {
    const params = filterParams(listParams(), args.filter);
    if (args.json) process.stdout.write(`${JSON.stringify(params, null, 2)}\n`);
    else process.stdout.write(formatParamsTable(params));
  },
};
