import type { ErrorBody } from "@holonet/contracts/error-body";

/** An answer of the dashboard's JSON API: a status and a body, serialized by the server. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Details = NonNullable<ErrorBody["error"]["details"]>;

/** The project's one error body (packages/runtime/contracts/src/error-body.ts), for the dashboard's routes too. */
export function errorAnswer(status: number, code: string, message: string, details?: Details): ApiAnswer {
  const body: ErrorBody = { error: { code, message, ...(details && { details }) } };
  return { status, body };
}
