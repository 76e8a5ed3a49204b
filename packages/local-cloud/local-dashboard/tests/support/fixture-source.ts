import { readFileSync } from "node:fs";
import path from "node:path";
import type * as z from "zod";
import {
  BucketInfo,
  CostSnapshot,
  type DashboardSource,
  FunctionInfo,
  InvocationDetail,
  type InvocationSummary,
  MetricsSnapshot,
} from "../../src/dashboard-api";

/** The request id of the fixtures' invocation number `n` (1 to 4). */
export const invocationId = (n: number) => `7f3c2a1e-0b4d-4c5e-9a8f-${String(n).padStart(12, "0")}`;

const fixture = <T>(name: string, schema: z.ZodType<T>): T =>
  schema.parse(JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures", name), "utf8")));

/** The fixtures, each checked against the contract as it is read. */
export function readFixtures() {
  return {
    metrics: fixture("metrics.json", MetricsSnapshot),
    invocations: fixture("invocations.json", InvocationDetail.array()),
    functions: fixture("functions.json", FunctionInfo.array()),
    buckets: fixture("buckets.json", BucketInfo.array()),
    cost: fixture("cost.json", CostSnapshot),
  };
}

export type Fixtures = ReturnType<typeof readFixtures>;

const summaryOf = ({
  event,
  result,
  truncated,
  logs,
  spans,
  ...summary
}: InvocationDetail): InvocationSummary => summary;

/**
 * A DashboardSource that answers the fixtures, as the local cloud's telemetry will answer its own data.
 * `calls` counts the reads that go to the Lambda and S3 APIs in the real cloud.
 */
export function fixtureSource(fixtures: Fixtures = readFixtures()) {
  const calls = { functions: 0, buckets: 0 };
  const newestFirst = [...fixtures.invocations].sort((a, b) => b.startedAt - a.startedAt);
  const source: DashboardSource = {
    metrics: () => fixtures.metrics,
    invocations: (limit) => newestFirst.slice(0, limit).map(summaryOf),
    invocation: (requestId) => fixtures.invocations.find((one) => one.requestId === requestId),
    functions: async () => {
      calls.functions += 1;
      return fixtures.functions;
    },
    buckets: async () => {
      calls.buckets += 1;
      return fixtures.buckets;
    },
    cost: () => fixtures.cost,
  };
  return { source, calls, fixtures };
}
