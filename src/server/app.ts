import express, { type Request } from "express";
import helmet from "helmet";
import morgan from "morgan";
import path from "node:path";
import { InputError } from "../errors.js";
import { REPORT_FORMATS, REPORT_MEDIA_TYPES, renderReport, type ReportFormat } from "../qa/report/render.js";
import { packageRoot } from "../store/open.js";
import type { Yizhi } from "../service/yizhi.js";
import { registerDocumentRoutes } from "./document-routes.js";
import { registerExtractRoutes } from "./extract-routes.js";
import { registerPageRoutes } from "./page-routes.js";
import { problem, problemHandler, sendProblem } from "./problem.js";
import { emptyBody, queryChoice, queryFlag, queryInt, queryNumber, queryString, uploadName } from "./query.js";

/** Server settings. */
export interface AppOptions {
  /** Largest request body accepted, e.g. "20mb". */
  readonly bodyLimit?: string;
  /** Where to write one access-log line per request (Apache combined log format); no log when absent. */
  readonly accessLog?: NodeJS.WritableStream;
}

/** The raw request body; 415 when the content type was not one we read as a file. */
function requireBody(req: Request): Buffer {
  if (!Buffer.isBuffer(req.body)) {
    throw new InputError(
      "send the file as the request body with Content-Type application/xml (or application/xliff+xml, application/x-tmx+xml)",
      {},
      { code: "unsupported-media-type", status: 415 },
    );
  }
  if (req.body.length === 0) throw emptyBody();
  return req.body;
}

/** The express app: JSON API, problem+json errors, and the web page. */
export function createApp(yizhi: Yizhi, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // First, so that every answer is logged, problem+json errors and static files included.
  if (options.accessLog !== undefined) app.use(morgan("combined", { stream: options.accessLog }));
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
    type: ["application/xml", "text/xml", "application/xliff+xml", "application/x-xliff+xml", "application/x-tmx+xml", "application/octet-stream"],
    limit: options.bodyLimit ?? "50mb",
  });

  app.post("/api/xliff/check", xmlBody, async (req, res) => {
    const body = requireBody(req);
    const file = uploadName(req, "upload.xlf");
    const format = queryChoice<ReportFormat>(req, "format", REPORT_FORMATS, "json");
    const result = await yizhi.check(body, file);
    res.type(REPORT_MEDIA_TYPES[format]).send(renderReport(result, format));
  });

  app.post("/api/xliff/annotate", xmlBody, async (req, res) => {
    const body = requireBody(req);
    const minMatch = queryNumber(req, "min", 0.7, 0, 1);
    const pretranslate = queryFlag(req, "pretranslate");
    const result = await yizhi.annotate(body, uploadName(req, "upload.xlf"), { minMatch, pretranslate });
    // No charset parameter: the file keeps the client's encoding (UTF-16 stays UTF-16) and says so itself.
    res.type("application/xliff+xml");
    res.set("X-Yizhi-Glossary-Hits", String(result.glossaryHits)).set("X-Yizhi-TM-Matches", String(result.tmMatches));
    res.send(result.output);
  });

  app.get("/api/tm/search", async (req, res) => {
    const q = queryString(req, "q", 2000);
    const min = queryNumber(req, "min", 0.7, 0, 1);
    const limit = queryInt(req, "limit", 5, 1, 100);
    res.json(await yizhi.searchTm(q, { min, limit }));
  });

  app.post("/api/tm/import", xmlBody, async (req, res) => {
    const body = requireBody(req);
    const units = yizhi.parseTmInput(body, uploadName(req, "upload.tmx"));
    const result = await yizhi.importTm(units);
    res.json({ ...result, units: await yizhi.store.tm.count() });
  });

  app.get("/api/termbase.tbx", async (_req, res) => {
    // attachment() first: it sets a type from the file extension, which .tbx/.tmx would make octet-stream.
    res.attachment("yizhi-termbase.tbx").type("application/x-tbx+xml; charset=utf-8").send(await yizhi.exportTbx());
  });

  app.get("/api/tm.tmx", async (_req, res) => {
    res.attachment("yizhi-memory.tmx").type("application/x-tmx+xml; charset=utf-8").send(await yizhi.exportTmx());
  });

  registerExtractRoutes(app, yizhi, { bodyLimit: options.bodyLimit ?? "50mb" });
  registerDocumentRoutes(app, yizhi, { bodyLimit: options.bodyLimit ?? "50mb" });
  registerPageRoutes(app, yizhi, { sourcesDir: path.join(packageRoot(), "glossary", "sources") });

  // The page's files live in the source tree (tsc does not copy them), so serve them from the package root.
  const publicDir = path.join(packageRoot(), "src", "server", "public");
  app.use(express.static(publicDir, { index: "index.html" }));

  app.use((req, res) => {
    sendProblem(res, problem(404, "not-found", `no route ${req.method} ${req.path}`));
  });
  app.use(problemHandler);
  return app;
}
