import type express from "express";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { RULES } from "../qa/registry.js";
import type { Yizhi } from "../service/yizhi.js";
import { buildTermMatcher } from "../termbase/matcher.js";
import type { Concept } from "../termbase/model.js";
import { normalizeDocument } from "../text/normalize.js";
import {
  countOccurrences,
  describeSource,
  occurrencesOf,
  type OccurrenceCounts,
  type SourceDocument,
} from "./occurrences.js";

/** Settings of the web page's routes. */
export interface PageRouteOptions {
  /** Folder of the corpus's `*.txt` files (default: the package's glossary/sources). */
  readonly sourcesDir: string;
}

/** Reads and normalizes the corpus files of a folder, in file-name order; none when the folder is missing. */
export async function loadSourceDocuments(dir: string): Promise<SourceDocument[]> {
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort();
  const documents: SourceDocument[] = [];
  for (const file of files) {
    const { text } = normalizeDocument(await readFile(path.join(dir, file), "utf8"));
    documents.push({ file, ...describeSource(file), text });
  }
  return documents;
}

function termKey(conceptId: string, term: string): string {
  return `${conceptId}\u0000${term}`;
}

/**
 * Routes the web page needs besides DESIGN.md's API.
 *
 * `GET /api/rules`: the QA rules' ids, severities and descriptions, so the page explains a finding in the
 * registry's words.
 *
 * `GET /api/terms/:id/occurrences`: hits of the concept's Chinese terms per corpus document. The corpus is read
 * and normalized once per server (about 0.8 s on first use, a few milliseconds after); the page's own load
 * (`GET /`) starts that work, so the charts are ready by the first lookup. Counts use the termbase as it was
 * when they were made, and are made again only when a concept asked for has a Chinese term they did not know
 * (an approval since). Concurrent first requests share one count.
 */
export function registerPageRoutes(app: express.Express, yizhi: Yizhi, options: PageRouteOptions): void {
  let documents: Promise<SourceDocument[]> | undefined;
  let counting: Promise<{ counts: OccurrenceCounts; known: Set<string> }> | undefined;

  function count(): Promise<{ counts: OccurrenceCounts; known: Set<string> }> {
    const run = (async () => {
      documents ??= loadSourceDocuments(options.sourcesDir);
      const docs = await documents;
      const concepts = await yizhi.store.concepts.list();
      const known = new Set(concepts.flatMap((c) => c.terms.zh.map((t) => termKey(c.id, t.term))));
      return { counts: countOccurrences(docs, buildTermMatcher(concepts)), known };
    })();
    counting = run;
    // A failed read or count is tried again on the next request.
    run.catch(() => {
      if (counting === run) counting = undefined;
      documents = undefined;
    });
    return run;
  }

  async function countsFor(concept: Concept): Promise<OccurrenceCounts> {
    let current = await (counting ?? count());
    if (concept.terms.zh.some((t) => !current.known.has(termKey(concept.id, t.term))))
      current = await count();
    return current.counts;
  }

  app.get("/", (_req, _res, next) => {
    if (counting === undefined) count().catch(() => undefined); // warm-up only; a request reports failures
    next();
  });

  app.get("/api/rules", (_req, res) => {
    res.json({ rules: RULES.map((r) => ({ id: r.id, severity: r.severity, description: r.description })) });
  });

  app.get("/api/terms/:id/occurrences", async (req, res) => {
    const concept = await yizhi.concept(req.params.id);
    res.json(occurrencesOf(concept, await countsFor(concept)));
  });
}
