import type { Command } from "commander";
import { openYizhi, parseFormat, parseIntOption } from "./context.js";

interface LookupJson {
  readonly query: string;
  readonly results: readonly {
    readonly id: string;
    readonly match: string;
    readonly terms: {
      readonly zh: readonly { term: string; status: string }[];
      readonly en: readonly { term: string; status: string }[];
    };
    readonly definition?: string;
  }[];
}

function renderTermList(terms: readonly { term: string; status: string }[]): string {
  return terms.map((t) => (t.status === "preferred" ? t.term : `${t.term} (${t.status})`)).join("; ");
}

/** The text form of a lookup: one block per concept. */
export function renderLookupText(json: LookupJson): string {
  if (json.results.length === 0) return `no term found for "${json.query}"\n`;
  return (
    json.results
      .map(
        (r) =>
          `${r.id}  ${renderTermList(r.terms.zh)}  →  ${renderTermList(r.terms.en)}  [${r.match}]` +
          (r.definition ? `\n      ${r.definition}` : ""),
      )
      .join("\n") + "\n"
  );
}

/** `yizhi lookup QUERY`: termbase search. */
export function registerLookup(program: Command): void {
  program
    .command("lookup")
    .description("search the termbase (Chinese simplified or traditional, English, pinyin, fragments)")
    .argument("<query>", "what to look up")
    .option("--format <format>", "json or text", "text")
    .option("--limit <n>", "at most this many concepts", "20")
    .action(async (query: string, opts: { format: string; limit: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "text"] as const, "text");
      const yizhi = await openYizhi(command);
      const limit = parseIntOption("--limit", opts.limit, 1, 1000);
      const json = await yizhi.lookup(query, limit);
      process.stdout.write(format === "json" ? JSON.stringify(json, null, 2) + "\n" : renderLookupText(json));
    });
}
