import { type ApiAnswer, errorAnswer } from "./api-errors";
import { cachedCall } from "./cached-call";
import type { DashboardSource } from "./dashboard-api";
import { parseLimit } from "./query-limit";

/** functions() and buckets() call the Lambda and S3 APIs; a page polls them, so their answers are shared. */
const API_READ_MAX_AGE_MS = 2_000;

export type ApiRouter = (pathname: string, query: URLSearchParams) => Promise<ApiAnswer>;

/** Answers the routes listed in dashboard-api.ts from a DashboardSource; `pathname` starts with /api/. */
export function createApiRouter(source: DashboardSource): ApiRouter {
  const functions = cachedCall(() => source.functions(), API_READ_MAX_AGE_MS);
  const buckets = cachedCall(() => source.buckets(), API_READ_MAX_AGE_MS);

  const fixed = new Map<string, () => unknown>([
    ["/api/metrics", () => source.metrics()],
    ["/api/functions", functions],
    ["/api/buckets", buckets],
    ["/api/cost", () => source.cost()],
  ]);

  return async (pathname, query) => {
    const route = fixed.get(pathname);
    if (route) return { status: 200, body: await route() };

    if (pathname === "/api/invocations") {
      const limit = parseLimit(query);
      if (!limit.ok)
        return errorAnswer(400, "VALIDATION_FAILED", `Invalid request: query.limit: ${limit.message}`, [
          { path: "query.limit", message: limit.message },
        ]);
      return { status: 200, body: source.invocations(limit.limit) };
    }

    const one = /^\/api\/invocations\/([^/]+)$/.exec(pathname);
    if (one?.[1]) {
      const requestId = decodeSegment(one[1]);
      if (requestId === undefined)
        return errorAnswer(
          400,
          "VALIDATION_FAILED",
          "The request id in the path is not valid percent-encoding.",
          [{ path: "path.requestId", message: "not valid percent-encoding" }],
        );
      const detail = source.invocation(requestId);
      return detail
        ? { status: 200, body: detail }
        : errorAnswer(404, "NOT_FOUND", `No recent invocation has the request id ${requestId}.`);
    }

    return errorAnswer(404, "NOT_FOUND", `No route GET ${pathname}.`);
  };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
