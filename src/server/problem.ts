import type { ErrorRequestHandler, Response } from "express";
import { InputError, YizhiError } from "../errors.js";

/** RFC 9457 problem details, with the input location where one is known. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly unit?: string;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
};

/** Sends a problem+json response. */
export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type("application/problem+json").send(JSON.stringify(problem));
}

/** Builds the problem for a status and detail; `type` names the error code under a stable URN. */
export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:yizhi:problem:${code}`, title: TITLES[status] ?? "Error", status, detail, ...extra };
}

/** Maps errors to problem+json: our typed errors keep their status; body-parser's keep theirs; the rest is 500. */
export const problemHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof InputError) {
    sendProblem(res, problem(error.status, error.code, error.message, error.location));
    return;
  }
  if (error instanceof YizhiError) {
    sendProblem(res, problem(error.status, error.code, error.message));
    return;
  }
  // body-parser errors carry an HTTP status (413 too large, 400 bad JSON, 415 bad charset).
  const status = (error as { status?: unknown }).status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const type = (error as { type?: string }).type ?? "bad-request";
    sendProblem(res, problem(status, type, (error as Error).message));
    return;
  }
  console.error(error);
  sendProblem(res, problem(500, "internal", "the server failed to answer this request; it has been logged"));
};
