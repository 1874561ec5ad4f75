/** Where in a user's input a problem was found; every field optional because not every format knows them. */
export interface InputLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly unit?: string;
}

/** Base class of every error a user can act on; `code` is stable and part of the public contract. */
export abstract class YizhiError extends Error {
  abstract readonly code: string;
  /** HTTP status the server answers with. */
  abstract readonly status: number;
}

/** Bad input: unreadable, malformed or unsupported file or request body. CLI exit 2, HTTP 400/422. */
export class InputError extends YizhiError {
  readonly code: string;
  readonly status: number;
  readonly location: InputLocation;

  constructor(message: string, location: InputLocation = {}, options: { code?: string; status?: number } = {}) {
    super(message);
    this.name = "InputError";
    this.code = options.code ?? "bad-input";
    this.status = options.status ?? 422;
    this.location = location;
  }

  /** One line naming file, line, column and unit where known: `file.xlf:12:5: unit u3: message`. */
  describe(): string {
    const { file, line, column, unit } = this.location;
    let where = file ?? "";
    if (line !== undefined) where += `${where ? ":" : "line "}${line}`;
    if (line !== undefined && column !== undefined) where += `:${column}`;
    const unitPart = unit !== undefined ? `unit ${unit}: ` : "";
    return `${where ? `${where}: ` : ""}${unitPart}${this.message}`;
  }
}

/** Wrong command-line usage (unknown option, missing argument). CLI exit 2, HTTP 400. */
export class UsageError extends YizhiError {
  readonly code = "usage";
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Something asked for by id does not exist. HTTP 404. */
export class NotFoundError extends YizhiError {
  readonly code = "not-found";
  readonly status = 404;
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

/** A write conflicts with what is stored (e.g. duplicate id in one import). HTTP 409. */
export class ConflictError extends YizhiError {
  readonly code = "conflict";
  readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Describes any error for a person in one line: the location-aware form for input errors. */
export function describeError(error: unknown): string {
  if (error instanceof InputError) return error.describe();
  if (error instanceof Error) return error.message;
  return String(error);
}
