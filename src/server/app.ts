import express, { type Request } from "express";
import helmet from "helmet";
import path from "node:path";
import { InputError } from "../errors.js";
import { renderJson } from "../qa/report/json.js";
import { packageRoot } from "../store/open.js";
import type { Yizhi } from "../service/yizhi.js";
import { problem, problemHandler, sendProblem } from "./problem.js";

/** Server settings. */
export interface AppOptions {
  /** Largest request body accepted, e.g. "20mb". */
  readonly bodyLimit?: string;
}

function queryString(req: Request, name: string, maxLength = 200): string {
  const value = req.query[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw new InputError(`query parameter "${name}" is required`, {}, { code: "bad-query", status: 400 });
  }
  if (value.length > maxLength) {
    throw new InputError(`query parameter "${name}" is longer than ${maxLength} characters`, {}, { code: "bad-query", status: 400 });
  }
  return value;
}

function queryInt(req: Request, name: string, fallback: number, min: number, max: number): number {
  const value = req.query[name];
  if (value === undefined) return fallback;
  const n = typeof value === "string" ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(`query parameter "${name}" must be a whole number from ${min} to ${max}`, {}, { code: "bad-query", status: 400 });
  }
  return n;
}

/** The express app: JSON API, problem+json errors, and the web page. */
export function createApp(yizhi: Yizhi, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Served over plain HTTP on loopback: HSTS and upgrade-insecure-requests would break the page there.
  app.use(
    helmet({
      strictTransportSecurity: false,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );

  app.get("/health", async (_req, res) => {
    res.json({
      status: "ok",
      concepts: await yizhi.store.concepts.count(),
      units: await yizhi.store.tm.count(),
    });
  });

  app.get("/api/terms", async (req, res) => {
    const q = queryString(req, "q");
    const limit = queryInt(req, "limit", 20, 1, 1000);
    res.json(await yizhi.lookup(q, limit));
  });

  app.get("/api/terms/:id", async (req, res) => {
    res.json(await yizhi.concept(req.params.id));
  });

  // XLIFF travels as the raw bytes of the file: the check must see the client's encoding and BOM as sent.
  const xmlBody = express.raw({
    type: ["application/xml", "text/xml", "application/xliff+xml", "application/x-xliff+xml", "application/octet-stream"],
    limit: options.bodyLimit ?? "50mb",
  });

  app.post("/api/xliff/check", xmlBody, async (req, res) => {
    if (!Buffer.isBuffer(req.body)) {
      throw new InputError("send the XLIFF file as the request body with Content-Type application/xml", {}, { code: "unsupported-media-type", status: 415 });
    }
    const file = typeof req.query.file === "string" ? req.query.file : "upload.xlf";
    const { report } = await yizhi.check(req.body, file);
    res.type("application/json").send(renderJson(report));
  });

  // The page's files live in the source tree (tsc does not copy them), so serve them from the package root.
  const publicDir = path.join(packageRoot(), "src", "server", "public");
  app.use(express.static(publicDir, { index: "index.html" }));

  app.use((req, res) => {
    sendProblem(res, problem(404, "not-found", `no route ${req.method} ${req.path}`));
  });
  app.use(problemHandler);
  return app;
}
