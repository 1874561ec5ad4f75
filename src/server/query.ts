import type { Request } from "express";
import { InputError } from "../errors.js";

/** A whole-number query parameter within bounds, or the fallback when absent; 400 otherwise. */
export function queryInt(req: Request, name: string, fallback: number, min: number, max: number): number {
  const value = req.query[name];
  if (value === undefined) return fallback;
  const n = typeof value === "string" ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(`query parameter "${name}" must be a whole number from ${min} to ${max}`, {}, { code: "bad-query", status: 400 });
  }
  return n;
}

/** The name errors give the uploaded file: `?file=` when the client names it (kept short and printable). */
export function uploadName(req: Request, fallback: string): string {
  const name = req.query.file;
  return typeof name === "string" && /^[\w .,()-]{1,120}$/u.test(name) ? name : fallback;
}
