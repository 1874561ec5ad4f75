import type { Request } from "express";
import { InputError } from "../errors.js";

/**
 * Query-string parsing for every route: one place, one wording, 400 bad-query for anything out of bounds.
 * Express's query parser turns `?q=a&q=b` into an array (and an extended parser `?q[a]=b` into an object);
 * neither is a value a route can use, and "is required" would mislead the client who did send it.
 */

/** A 400 bad-query problem with this message. */
export function badQuery(message: string): InputError {
  return new InputError(message, {}, { code: "bad-query", status: 400 });
}

/** The 400 empty-body problem every route that reads a body answers an empty (or blank text) body with. */
export function emptyBody(): InputError {
  return new InputError("the request body is empty", {}, { code: "empty-body", status: 400 });
}

/** The text of a query parameter given at most once; undefined when absent, 400 when repeated or nested. */
export function querySingle(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined || typeof value === "string") return value;
  throw badQuery(`query parameter "${name}" must be given once, as text`);
}

/** A required, non-blank text query parameter of at most `maxLength` UTF-16 units; 400 otherwise. */
export function queryString(req: Request, name: string, maxLength = 200): string {
  const value = querySingle(req, name);
  if (value === undefined || value.trim() === "") throw badQuery(`query parameter "${name}" is required`);
  if (value.length > maxLength) throw badQuery(`query parameter "${name}" is longer than ${maxLength} characters`);
  return value;
}

/** A finite number query parameter within bounds, or the fallback when absent; 400 otherwise. */
export function queryNumber(req: Request, name: string, fallback: number, min: number, max: number): number {
  const value = querySingle(req, name);
  if (value === undefined) return fallback;
  const n = value.trim() !== "" ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) throw badQuery(`query parameter "${name}" must be a number from ${min} to ${max}`);
  return n;
}

/** A whole-number query parameter within bounds, or the fallback when absent; 400 otherwise. */
export function queryInt(req: Request, name: string, fallback: number, min: number, max: number): number {
  const value = querySingle(req, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw badQuery(`query parameter "${name}" must be a whole number from ${min} to ${max}`);
  }
  return n;
}

/** A query parameter that must be one of `choices`, or the fallback when absent; 400 otherwise. */
export function queryChoice<T extends string>(req: Request, name: string, choices: readonly T[], fallback: T): T;
export function queryChoice<T extends string>(req: Request, name: string, choices: readonly T[]): T | undefined;
export function queryChoice<T extends string>(req: Request, name: string, choices: readonly T[], fallback?: T): T | undefined {
  const value = querySingle(req, name);
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  const list = choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(", ")}`;
  throw badQuery(`query parameter "${name}" must be ${list}`);
}

/** A yes/no query parameter: true or 1, false or 0, false when absent; 400 otherwise. */
export function queryFlag(req: Request, name: string): boolean {
  const value = querySingle(req, name);
  if (value === undefined || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw badQuery(`query parameter "${name}" must be true or false`);
}

/** The name errors give the uploaded file: `?file=` when the client names it (kept short and printable). */
export function uploadName(req: Request, fallback: string): string {
  const name = req.query.file;
  return typeof name === "string" && /^[\w .,()-]{1,120}$/u.test(name) ? name : fallback;
}
