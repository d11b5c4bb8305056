/**
 * One error type for everything a caller can act on. `code` maps to an HTTP status in one
 * place so routes never invent their own; `message` is written for the user and says what
 * to do next.
 */
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "unsupported_media_type"
  | "budget_exceeded"
  | "rate_limited"
  | "provider_error"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  budget_exceeded: 402,
  rate_limited: 429,
  provider_error: 502,
  unavailable: 503,
  internal: 500,
};

/**
 * A brand shared through the global symbol registry: an AppError thrown by code from another
 * bundle (Next compiles route handlers, server actions and the custom server separately, and
 * vitest may load a module twice) is a different class, so `instanceof` fails there.
 */
const BRAND = Symbol.for("avs.AppError");

export class AppError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(STATUS, code);
}

/** True for an AppError from any bundle: by class, by brand, or by its name and a known code. */
export function isAppError(e: unknown): e is AppError {
  if (e instanceof AppError) return true;
  if (typeof e !== "object" || e === null) return false;
  const o = e as Record<string | symbol, unknown>;
  if (!isErrorCode(o.code)) return false;
  return o[BRAND] === true || o.name === "AppError";
}
