import express, { type Request } from "express";
import { z } from "zod";
import { InputError } from "../errors.js";
import type { ExtractDocument } from "../extract/extract.js";
import type { Yizhi } from "../service/yizhi.js";
import { emptyBody, queryChoice, queryFlag, queryInt } from "./query.js";

/** Settings of the extraction routes. */
export interface ExtractRouteOptions {
  /** Largest request body accepted, e.g. "20mb". */
  readonly bodyLimit?: string;
}

/** The body of `POST /api/extract` as UTF-8 text; 415 for another media type or charset, 400 when empty. */
export function textBody(req: Request): string {
  if (!Buffer.isBuffer(req.body)) {
    throw new InputError(
      "send the document as the request body with Content-Type text/plain; charset=utf-8",
      {},
      { code: "unsupported-media-type", status: 415 },
    );
  }
  const charset = /;\s*charset="?([^";\s]+)/i.exec(req.get("content-type") ?? "")?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw new InputError(
      `charset "${charset}" is not supported; send UTF-8`,
      {},
      { code: "unsupported-charset", status: 415 },
    );
  }
  if (req.body.length === 0) throw emptyBody();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(req.body);
  } catch {
    throw new InputError("the request body is not valid UTF-8", {}, { code: "not-utf8", status: 415 });
  }
  text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (text.trim() === "") throw emptyBody();
  return text;
}

/** A JSON body; 415 when it was not sent as JSON, 400 when there is none. */
function jsonBody(req: Request): unknown {
  if (!req.is("application/json")) {
    throw new InputError(
      "send a JSON body with Content-Type application/json",
      {},
      { code: "unsupported-media-type", status: 415 },
    );
  }
  if (req.body === undefined || req.body === null) throw emptyBody();
  return req.body;
}

/** Parses a JSON body against a schema; the wrong shape is a 422 naming each bad field. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ");
  throw new InputError(`invalid request body: ${detail}`, {}, { code: "invalid-body", status: 422 });
}

const term = z.string().min(1).max(40);
const text = z.string().min(1).max(4000);

/** Body of `POST /api/review/approve`. */
export const approveSchema = z
  .object({
    term,
    english: z.union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(20)]).optional(),
    definition: text.optional(),
    subject: z.string().min(1).max(200).optional(),
    note: text.optional(),
    source: z.string().min(1).max(200).optional(),
    concept: z.string().min(1).max(100).optional(),
    status: z.enum(["preferred", "admitted"]).optional(),
    contexts: z
      .array(
        z
          .object({
            file: z.string().min(1).max(300),
            line: z.number().int().min(1),
            text: z.string().min(1).max(4000),
          })
          .strict(),
      )
      .max(20)
      .optional(),
  })
  .strict();

/** Body of `POST /api/review/reject`. */
export const rejectSchema = z
  .object({ term: z.union([term, z.array(term).min(1).max(1000)]), reason: z.string().max(1000).optional() })
  .strict();

/** Body of `POST /api/review/undo`. */
export const undoSchema = z.object({ term }).strict();

/**
 * Term extraction and review over HTTP:
 *   POST /api/extract?top=&minFreq=&all=&file=   body: text/plain UTF-8 → DESIGN.md's extract JSON
 *   POST /api/review/approve                    body: JSON approval → {concept, created, decision}
 *   POST /api/review/reject                     body: {"term": "…" | ["…"], "reason"?} → {decisions}
 *   POST /api/review/undo                       body: {"term": "…"} → the withdrawn rejection
 *   GET  /api/review?decision=approved|rejected → {decisions}
 */
export function registerExtractRoutes(
  app: express.Express,
  yizhi: Yizhi,
  options: ExtractRouteOptions = {},
): void {
  const limit = options.bodyLimit ?? "50mb";
  // Raw bytes, decoded here: body-parser's text parser would replace invalid UTF-8 silently.
  const rawText = express.raw({ type: "text/plain", limit });
  const json = express.json({ limit: "1mb" });

  app.post("/api/extract", rawText, async (req, res) => {
    const body = textBody(req);
    const top = queryInt(req, "top", 100, 1, 100000);
    const minFreq = queryInt(req, "minFreq", 2, 2, 1000000);
    const name = req.query.file;
    const file = typeof name === "string" && /^[\w .,()-]{1,120}$/u.test(name) ? name : "upload.txt";
    const documents: ExtractDocument[] = [{ file, text: body }];
    res.json(await yizhi.extract(documents, { top, minFreq, all: queryFlag(req, "all") }));
  });

  app.post("/api/review/approve", json, async (req, res) => {
    const body = parseBody(approveSchema, jsonBody(req));
    const { english, ...rest } = body;
    const list = english === undefined ? undefined : typeof english === "string" ? [english] : english;
    const result = await yizhi.approveCandidate({
      ...rest,
      ...(list !== undefined ? { english: list } : {}),
    });
    res.status(result.created ? 201 : 200).json(result);
  });

  app.post("/api/review/reject", json, async (req, res) => {
    const body = parseBody(rejectSchema, jsonBody(req));
    const terms = typeof body.term === "string" ? [body.term] : body.term;
    const decisions = [];
    for (const t of terms) decisions.push(await yizhi.rejectCandidate(t, body.reason));
    res.json({ decisions });
  });

  app.post("/api/review/undo", json, async (req, res) => {
    const body = parseBody(undoSchema, jsonBody(req));
    res.json(await yizhi.undoRejection(body.term));
  });

  app.get("/api/review", async (req, res) => {
    res.json(await yizhi.listReviews(queryChoice(req, "decision", ["approved", "rejected"] as const)));
  });
}
