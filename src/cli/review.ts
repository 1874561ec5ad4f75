import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { ReviewListJson, ReviewVerdict } from "../extract/review.js";
import type { TermStatus } from "../termbase/model.js";
import { openYizhi, parseFormat } from "./context.js";
import { readDocuments } from "./extract.js";

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The text form of the review decisions: one line each. */
export function renderReviewListText(json: ReviewListJson): string {
  if (json.decisions.length === 0) return "no review decisions\n";
  return (
    json.decisions
      .map((d) => {
        const what =
          d.decision === "approved"
            ? `approved → ${d.concept ?? "?"}  ${(d.english ?? []).join("; ")}`
            : `rejected${d.reason ? `: ${d.reason}` : ""}`;
        return `${d.decidedAt.slice(0, 10)}  ${d.term}  ${what}`;
      })
      .join("\n") + "\n"
  );
}

function parseChoice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${allowed.join(", ")} (got "${value}")`);
}

function findTermbaseCommand(program: Command): Command {
  const termbase = program.commands.find((c) => c.name() === "termbase");
  if (termbase === undefined) throw new Error("register the termbase command before the review commands");
  return termbase;
}

/**
 * `yizhi termbase review approve|reject|undo|list`: a terminologist's decisions on extracted candidates. Approving
 * writes a concept with the candidate's contexts; rejecting keeps the term out of later `yizhi extract` output.
 */
export function registerReview(program: Command): void {
  const review = findTermbaseCommand(program)
    .command("review")
    .description(
      "approve extracted candidates into the termbase, or reject them so they are not proposed again",
    );

  review
    .command("approve")
    .description("add a candidate term to the termbase as a new concept (or, with --to, to an existing one)")
    .argument("<term>", "the Chinese term")
    .option(
      "--english <text>",
      "English equivalent (repeat for more; the first is preferred); default: the first proposal",
      collect,
    )
    .option("--definition <text>", "definition of the concept")
    .option("--subject <text>", "subject field")
    .option("--note <text>", "note on the concept (default: when it was approved)")
    .option("--from <files...>", "documents to quote the term's contexts from (up to 3 sentences)")
    .option(
      "--source <name>",
      "source written for the contexts, e.g. a document symbol (default: file, line N)",
    )
    .option("--to <concept>", "add the term to this existing concept (a synonym) instead of a new concept")
    .option("--status <status>", "with --to: preferred or admitted (default admitted)")
    .option("--format <format>", "json or text", "text")
    .action(
      async (
        term: string,
        opts: {
          english?: string[];
          definition?: string;
          subject?: string;
          note?: string;
          from?: string[];
          source?: string;
          to?: string;
          status?: string;
          format: string;
        },
        command: Command,
      ) => {
        const format = parseFormat(opts.format, ["json", "text"] as const, "text");
        if (opts.status !== undefined && opts.to === undefined)
          throw new UsageError("--status needs --to <concept>");
        const status =
          opts.status === undefined
            ? undefined
            : parseChoice<TermStatus>("--status", opts.status, ["preferred", "admitted"]);
        const documents = opts.from !== undefined ? await readDocuments(opts.from) : undefined;
        const yizhi = await openYizhi(command);
        const result = await yizhi.approveCandidate({
          term,
          ...(opts.english !== undefined ? { english: opts.english } : {}),
          ...(opts.definition !== undefined ? { definition: opts.definition } : {}),
          ...(opts.subject !== undefined ? { subject: opts.subject } : {}),
          ...(opts.note !== undefined ? { note: opts.note } : {}),
          ...(opts.source !== undefined ? { source: opts.source } : {}),
          ...(opts.to !== undefined ? { concept: opts.to } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(documents !== undefined ? { documents } : {}),
        });
        if (format === "json") {
          process.stdout.write(JSON.stringify(result, null, 2) + "\n");
          return;
        }
        const c = result.concept;
        const contexts = c.contexts.filter((x) => x.term === result.decision.term).length;
        process.stdout.write(
          `${c.id}  ${result.decision.term}  →  ${(result.decision.english ?? []).join("; ")}  (${result.created ? "new concept" : "added to concept"}, ${contexts} context${contexts === 1 ? "" : "s"})\n`,
        );
      },
    );

  review
    .command("reject")
    .description("reject candidate terms: later extractions leave them out (see --all)")
    .argument("<terms...>", "the Chinese terms")
    .option("--reason <text>", "why (kept with the decision)")
    .action(async (terms: string[], opts: { reason?: string }, command: Command) => {
      const yizhi = await openYizhi(command);
      for (const term of terms) {
        const d = await yizhi.rejectCandidate(term, opts.reason);
        process.stdout.write(`rejected ${d.term}\n`);
      }
    });

  review
    .command("undo")
    .description("withdraw the rejection of a term, so that extraction proposes it again")
    .argument("<term>", "the Chinese term")
    .action(async (term: string, _opts: unknown, command: Command) => {
      const yizhi = await openYizhi(command);
      const d = await yizhi.undoRejection(term);
      process.stdout.write(`no longer rejected: ${d.term}\n`);
    });

  review
    .command("list")
    .description("list the review decisions, oldest first")
    .option("--only <decision>", "approved or rejected")
    .option("--format <format>", "json or text", "text")
    .action(async (opts: { only?: string; format: string }, command: Command) => {
      const format = parseFormat(opts.format, ["json", "text"] as const, "text");
      const only =
        opts.only === undefined
          ? undefined
          : parseChoice<ReviewVerdict>("--only", opts.only, ["approved", "rejected"]);
      const yizhi = await openYizhi(command);
      const json = await yizhi.listReviews(only);
      process.stdout.write(
        format === "json" ? JSON.stringify(json, null, 2) + "\n" : renderReviewListText(json),
      );
    });
}
