import { readFileSync } from "node:fs";
import path from "node:path";

interface OpenApi {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

const openApi = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../../../../docs/api/openapi.json"), "utf8"),
) as OpenApi;

/** Answers the gateway gives itself, never reaching a function; 400 and 431 are its answers to what Node's parser refuses. */
export const GATEWAY_STATUSES = new Set([400, 404, 413, 429, 431, 503]);

const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Whether a raw path names an OpenAPI path template, as the gateway matches it (segment by segment, decoded). */
function matchesTemplate(template: string, rawPath: string): boolean {
  const wanted = template.split("/").slice(1);
  const got = rawPath.split("/").slice(1).map(safeDecode);
  if (wanted.length !== got.length) return false;
  return wanted.every((part, i) => (part.startsWith("{") ? (got[i] ?? "") !== "" : part === got[i]));
}

/**
 * Every status openapi.json documents for the operations a request could reach. A 500 is left out on
 * purpose: it is documented as possible, but bad input must never cause one.
 */
export function documentedStatuses(method: string, rawPath: string): Set<number> {
  const statuses = new Set<number>();
  for (const [template, operations] of Object.entries(openApi.paths)) {
    if (!matchesTemplate(template, rawPath)) continue;
    const operation = operations[method.toLowerCase()];
    for (const status of Object.keys(operation?.responses ?? {})) statuses.add(Number(status));
  }
  statuses.delete(500);
  return statuses;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `{"message": "..."}` and nothing else: API Gateway's own answer. */
export function isGatewayBody(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).join() === "message" && typeof value.message === "string";
}

/** The shared error body `{"error": {"code", "message", "details"?}}`, with no other fields. */
export function isErrorBody(value: unknown): boolean {
  if (!isPlainObject(value) || Object.keys(value).join() !== "error" || !isPlainObject(value.error))
    return false;
  const { code, message, details, ...rest } = value.error;
  return (
    typeof code === "string" &&
    /^[A-Z][A-Z0-9_]*$/.test(code) &&
    typeof message === "string" &&
    (details === undefined || Array.isArray(details)) &&
    Object.keys(rest).length === 0
  );
}
