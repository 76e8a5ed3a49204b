import type {
  BucketInfo,
  CostSnapshot,
  FunctionInfo,
  InvocationDetail,
  InvocationSummary,
  MetricsSnapshot,
} from "../dashboard-api";

/** The dashboard server did not answer at all: the cloud is down or restarting. */
export class Unreachable extends Error {}

/**
 * GETs one of the dashboard's JSON routes, relative to the page so that it works under any prefix. Types
 * only, no schema check here: the server is ours and tested against the schemas; the page stays small.
 */
async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { cache: "no-store", signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    throw new Unreachable(error instanceof Error ? error.message : String(error));
  }
  const body = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `${path} answered ${response.status}`);
  return body;
}

export const api = {
  metrics: () => getJson<MetricsSnapshot>("api/metrics"),
  invocations: (limit: number) => getJson<InvocationSummary[]>(`api/invocations?limit=${limit}`),
  invocation: (requestId: string) =>
    getJson<InvocationDetail>(`api/invocations/${encodeURIComponent(requestId)}`),
  functions: () => getJson<FunctionInfo[]>("api/functions"),
  buckets: () => getJson<BucketInfo[]>("api/buckets"),
  cost: () => getJson<CostSnapshot>("api/cost"),
};
