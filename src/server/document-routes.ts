import express from "express";
import { prepareDocument } from "../service/document.js";
import type { Yizhi } from "../service/yizhi.js";
import { textBody } from "./extract-routes.js";
import { badQuery, queryChoice, queryFlag, uploadName } from "./query.js";

/**
 * `POST /api/prepare?xliff=2.0|1.2&pretranslate=true&copySource=true&file=NAME`: a Chinese text → annotated
 * XLIFF. `copySource=true` (XLIFF 1.2 only, not with pretranslate) writes every target as a copy of its source,
 * `state="needs-translation"`, as `yizhi prepare --copy-source` does for OmegaT.
 */
export function registerDocumentRoutes(app: express.Express, yizhi: Yizhi, options: { bodyLimit: string }): void {
  const rawText = express.raw({ type: "text/plain", limit: options.bodyLimit });
  app.post("/api/prepare", rawText, async (req, res) => {
    const text = textBody(req);
    const version = queryChoice(req, "xliff", ["2.0", "1.2"] as const, "2.0");
    const name = uploadName(req, "document.txt");
    const pretranslate = queryFlag(req, "pretranslate");
    const copySource = queryFlag(req, "copySource");
    if (copySource && version !== "1.2") throw badQuery('query parameter "copySource" needs xliff=1.2');
    if (copySource && pretranslate) throw badQuery('query parameters "copySource" and "pretranslate" cannot be combined');
    const prepared = prepareDocument(text, name, version, name, { copySource });
    const annotated = await yizhi.annotate(prepared.xliff, name, { pretranslate });
    res.type("application/xliff+xml; charset=utf-8");
    res.set("X-Yizhi-Units", String(prepared.units)).set("X-Yizhi-Segments", String(prepared.segments));
    res.send(annotated.output);
  });
}
