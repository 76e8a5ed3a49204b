import { ErrorBody } from "@holonet/contracts/error-body";
import type * as z from "zod";
import {
  BucketInfo,
  CostSnapshot,
  FunctionInfo,
  InvocationDetail,
  InvocationSummary,
  MetricsSnapshot,
} from "./dashboard-api";

/** A dashboard route answered something other than 200; `body` is its parsed ErrorBody. */
export class DashboardHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`dashboard answered ${status}: ${body.error.code} ${body.error.message}`);
    this.name = new.target.name;
  }
}

/**
 * Reads a running dashboard's JSON API from Node, every answer checked against the contract in
 * dashboard-api.ts: for tests that compare what the dashboard shows with what was sent to the cloud.
 */
export function dashboardClient(baseUrl: string) {
  const get = async <T>(path: string, schema: z.ZodType<T>): Promise<T> => {
    const response = await fetch(new URL(path, baseUrl), { signal: AbortSignal.timeout(10_000) });
    const json: unknown = await response.json();
    if (response.status !== 200) throw new DashboardHttpError(response.status, ErrorBody.parse(json));
    return schema.parse(json);
  };
  return {
    metrics: () => get("/api/metrics", MetricsSnapshot),
    invocations: (limit?: number) =>
      get(`/api/invocations${limit === undefined ? "" : `?limit=${limit}`}`, InvocationSummary.array()),
    invocation: (requestId: string) =>
      get(`/api/invocations/${encodeURIComponent(requestId)}`, InvocationDetail),
    functions: () => get("/api/functions", FunctionInfo.array()),
    buckets: () => get("/api/buckets", BucketInfo.array()),
    cost: () => get("/api/cost", CostSnapshot),
  };
}

export type DashboardClient = ReturnType<typeof dashboardClient>;
