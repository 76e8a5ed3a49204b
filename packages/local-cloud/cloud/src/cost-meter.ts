import type { CostSnapshot } from "@holonet/local-dashboard/dashboard-api";
import { PRICES } from "./pricing";

interface FunctionUsage {
  invocations: number;
  errors: number;
  coldStarts: number;
  gbSeconds: number;
}

const SECONDS_IN_MONTH = 30 * 24 * 3600;

/**
 * Counts what the local cloud served, and prices it as AWS would: per function the invocations and
 * GB-seconds (billed duration x memory), and the API's requests. The monthly figure assumes this
 * session's rate of traffic went on for a 30-day month.
 */
export function createCostMeter(now: () => number = Date.now) {
  const started = now();
  const functions = new Map<string, FunctionUsage>();
  let apiRequests = 0;

  return {
    recordInvocation(record: {
      functionName: string;
      billedDurationMs: number;
      memoryMb: number;
      coldStart: boolean;
      error?: string;
    }) {
      const usage = functions.get(record.functionName) ?? {
        invocations: 0,
        errors: 0,
        coldStarts: 0,
        gbSeconds: 0,
      };
      usage.invocations += 1;
      usage.errors += record.error ? 1 : 0;
      usage.coldStarts += record.coldStart ? 1 : 0;
      usage.gbSeconds += (record.billedDurationMs / 1000) * (record.memoryMb / 1024);
      functions.set(record.functionName, usage);
    },
    recordApiRequest() {
      apiRequests += 1;
    },
    /** The summary as lines of text for the terminal. */
    summary(): string[] {
      const elapsedSeconds = Math.max(1, (now() - started) / 1000);
      const monthly = SECONDS_IN_MONTH / elapsedSeconds;
      const rows = [...functions].map(([name, usage]) => {
        const cost = functionCost(usage);
        return `  ${name.padEnd(22)} ${String(usage.invocations).padStart(7)} invocations ${String(usage.errors).padStart(5)} errors ${String(usage.coldStarts).padStart(4)} cold ${usage.gbSeconds.toFixed(4).padStart(10)} GB-s  $${cost.toFixed(6)}`;
      });
      const invocations = [...functions.values()].reduce((sum, u) => sum + u.invocations, 0);
      const gbSeconds = [...functions.values()].reduce((sum, u) => sum + u.gbSeconds, 0);
      const monthlyLambda =
        Math.max(0, invocations * monthly - PRICES.freeTier.lambdaRequests) * PRICES.lambdaPerRequest +
        Math.max(0, gbSeconds * monthly - PRICES.freeTier.lambdaGbSeconds) * PRICES.lambdaPerGbSecond;
      const monthlyApi = apiRequests * monthly * PRICES.httpApiPerRequest;
      const monthlyApiAfterFreeTier =
        Math.max(0, apiRequests * monthly - PRICES.freeTier.httpApiRequests) * PRICES.httpApiPerRequest;
      return [
        `Cost of this session at AWS list prices (${Math.round(elapsedSeconds)} s):`,
        ...(rows.length ? rows : ["  no invocations"]),
        `  HTTP API ${apiRequests} requests  $${(apiRequests * PRICES.httpApiPerRequest).toFixed(6)}`,
        `If this traffic went on for a month: Lambda $${monthlyLambda.toFixed(2)} after the free tier (1M requests, 400,000 GB-s), HTTP API $${monthlyApi.toFixed(2)} ($${monthlyApiAfterFreeTier.toFixed(2)} in the first year's free tier).`,
      ];
    },
    usage: () => ({ functions: Object.fromEntries(functions), apiRequests }),
    /** The cost so far, for the dashboard. */
    snapshot(): CostSnapshot {
      const rows = [...functions].map(([functionName, usage]) => ({
        functionName,
        invocations: usage.invocations,
        gbSeconds: usage.gbSeconds,
        usd: functionCost(usage),
      }));
      const apiUsd = apiRequests * PRICES.httpApiPerRequest;
      return {
        elapsedSeconds: (now() - started) / 1000,
        functions: rows,
        apiRequests,
        apiUsd,
        totalUsd: apiUsd + rows.reduce((sum, row) => sum + row.usd, 0),
      };
    },
  };
}

export type CostMeter = ReturnType<typeof createCostMeter>;

const functionCost = (usage: FunctionUsage) =>
  usage.invocations * PRICES.lambdaPerRequest + usage.gbSeconds * PRICES.lambdaPerGbSecond;
