import type { MetricsSnapshot } from "../dashboard-api";
import { el } from "./dom";
import { count, ms } from "./format";

function tile(name: string, value: string, testId: string, tone = ""): HTMLElement {
  return el(
    "div",
    { class: `tile ${tone}`, "data-testid": testId },
    el("span", { class: "tile-value" }, value),
    el("span", { class: "tile-name" }, name),
  );
}

/** The numbers a glance needs: traffic, latency, failures, money. */
export function renderSummary(
  container: HTMLElement,
  metrics: MetricsSnapshot,
  totalUsd: string | undefined,
) {
  const { api } = metrics;
  container.replaceChildren(
    tile("requests", count(api.requests), "tile-requests"),
    tile("requests / s (10 s)", api.requestsPerSecond.toFixed(1), "tile-rps"),
    tile("latency p50", `${ms(api.latencyMs.p50)} ms`, "tile-p50"),
    tile("latency p95", `${ms(api.latencyMs.p95)} ms`, "tile-p95"),
    tile("latency p99", `${ms(api.latencyMs.p99)} ms`, "tile-p99"),
    tile("4xx", count(api.status4xx), "tile-4xx", api.status4xx > 0 ? "warn" : ""),
    tile("5xx", count(api.status5xx), "tile-5xx", api.status5xx > 0 ? "bad" : ""),
    tile("throttled", count(api.throttled), "tile-throttled", api.throttled > 0 ? "warn" : ""),
    tile("cost so far", totalUsd ?? "–", "tile-cost"),
  );
}
