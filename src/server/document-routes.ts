import express from "express";
import { InputError } from "../errors.js";
import { prepareDocument } from "../service/document.js";
import type { Yizhi } from "../service/yizhi.js";
import { textBody } from "./extract-routes.js";
import { uploadName } from "./query.js";

/** `POST /api/prepare?xliff=2.0|1.2&pretranslate=true&file=NAME`: a Chinese text → annotated XLIFF. */
export function registerDocumentRoutes(app: express.Express, yizhi: Yizhi, options: { bodyLimit: string }): void {
  const rawText = express.raw({ type: "text/plain", limit: options.bodyLimit });
  app.post("/api/prepare", rawText, async (req, res) => {
    const text = textBody(req);
    const version = req.query.xliff ?? "2.0";
    if (version !== "2.0" && version !== "1.2") {
      throw new InputError('query parameter "xliff" must be 2.0 or 1.2', {}, { code: "bad-query", status: 400 });
    }
    const name = uploadName(req, "document.txt");
    const prepared = prepareDocument(text, name, version, name);
    const pretranslate = req.query.pretranslate === "true" || req.query.pretranslate === "1";
    const annotated = await yizhi.annotate(prepared.xliff, name, { pretranslate });
    res.type("application/xliff+xml; charset=utf-8");
    res.set("X-Yizhi-Units", String(prepared.units)).set("X-Yizhi-Segments", String(prepared.segments));
    res.send(annotated.output);
  });
}
