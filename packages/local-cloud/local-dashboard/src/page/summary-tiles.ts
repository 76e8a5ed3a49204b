import type { MetricsSnapshot } from "../dashboard-api";
import { el } from "./dom";
import { count, ms } from "./format";

function tile(name: string, value: string, testId: string, options: { tone?: string; note?: string } = {}) {
  return el(
    "div",
    { class: `tile ${options.tone ?? ""}`, "data-testid": testId },
    el("span", { class: "tile-value" }, value),
    el("span", { class: "tile-name" }, name),
    options.note && el("span", { class: "tile-note" }, options.note),
  );
}

/**
 * The numbers a glance needs: traffic, latency, failures, money. A 4xx is the API refusing a caller's
 * request (a bad id, a non-Jedi), which no function counts as an error, so the tiles say which is which.
 */
export function renderSummary(
  container: HTMLElement,
  metrics: MetricsSnapshot,
  totalUsd: string | undefined,
) {
  const { api } = metrics;
  const functionErrors = metrics.functions.reduce((total, fn) => total + fn.total.errors, 0);
  container.replaceChildren(
    tile("requests", count(api.requests), "tile-requests"),
    tile("requests / s (10 s)", api.requestsPerSecond.toFixed(1), "tile-rps"),
    tile("latency p50", `${ms(api.latencyMs.p50)} ms`, "tile-p50"),
    tile("latency p95", `${ms(api.latencyMs.p95)} ms`, "tile-p95"),
    tile("latency p99", `${ms(api.latencyMs.p99)} ms`, "tile-p99"),
    tile("4xx client errors", count(api.status4xx), "tile-4xx", {
      tone: api.status4xx > 0 ? "warn" : "",
      note: "the caller's mistake, not a function error",
    }),
    tile("5xx server errors", count(api.status5xx), "tile-5xx", {
      tone: api.status5xx > 0 ? "bad" : "",
      note: "the API or a function failed",
    }),
    tile("function errors", count(functionErrors), "tile-function-errors", {
      tone: functionErrors > 0 ? "bad" : "",
      note: "invocations that failed",
    }),
    tile("throttled", count(api.throttled), "tile-throttled", { tone: api.throttled > 0 ? "warn" : "" }),
    tile("cost so far", totalUsd ?? "–", "tile-cost"),
  );
}
