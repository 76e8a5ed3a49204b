import type { CostSnapshot, MetricsSnapshot } from "../dashboard-api";
import { api, Unreachable } from "./api";
import { renderBuckets } from "./buckets-panel";
import { renderCost } from "./cost-panel";
import { byId, el } from "./dom";
import { clock, usd } from "./format";
import { renderFunctionTable } from "./function-table";
import { renderFunctions } from "./functions-panel";
import { renderInvocationDetail } from "./invocation-detail";
import { invocationList } from "./invocation-list";
import { metricCharts } from "./metric-charts";
import { documentVisibility, startPolling } from "./poller";
import { renderSummary } from "./summary-tiles";

const INVOCATIONS_SHOWN = 50;
const connection = byId("connection", HTMLElement);
const unreachable = byId("unreachable", HTMLElement);
const detail = byId("invocation-detail", HTMLElement);
// The detail scrolls on its own beside the list, and a keyboard can scroll only what it can focus.
detail.tabIndex = 0;
const summary = byId("summary", HTMLElement);
const chartWindow = byId("window", HTMLElement);
const functionRows = byId("function-rows", HTMLTableSectionElement);
const costPanel = byId("cost", HTMLElement);
const versionsPanel = byId("function-versions", HTMLElement);
const bucketsPanel = byId("buckets", HTMLElement);
const drawCharts = metricCharts(byId("charts", HTMLElement));
let lastSeen: number | undefined;
let opened: string | undefined;

function showConnected(at: number) {
  lastSeen = at;
  unreachable.hidden = true;
  // A poll that was under way when the tab was hidden must not claim the page is live.
  if (document.hidden) return showPaused();
  connection.dataset.state = "live";
  connection.textContent = `live · ${clock(at)}`;
}

function showPaused() {
  connection.dataset.state = "paused";
  connection.textContent = "paused while hidden";
}

function showFailure(error: unknown) {
  const down = error instanceof Unreachable;
  connection.dataset.state = down ? "unreachable" : "error";
  connection.textContent = down ? "cloud not reachable" : "error";
  const since = lastSeen === undefined ? "" : ` The figures below are from ${clock(lastSeen)}.`;
  unreachable.textContent = down
    ? `The local cloud is not reachable: is pnpm dev still running? Retrying every second.${since}`
    : `The local cloud answered with an error: ${error instanceof Error ? error.message : String(error)}.${since}`;
  unreachable.hidden = false;
}

async function openInvocation(requestId: string) {
  opened = requestId;
  list.select(requestId);
  history.replaceState(null, "", `#${encodeURIComponent(requestId)}`);
  detail.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    const invocation = await api.invocation(requestId);
    if (opened === requestId) detail.replaceChildren(...renderInvocationDetail(invocation));
  } catch (error) {
    if (opened === requestId)
      detail.replaceChildren(
        el("p", { class: "notice error" }, error instanceof Error ? error.message : String(error)),
      );
  }
  if (detail.getBoundingClientRect().top > window.innerHeight) detail.scrollIntoView({ block: "start" });
}

const list = invocationList(
  byId("invocation-rows", HTMLTableSectionElement),
  (id) => void openInvocation(id),
);
const visibility = documentVisibility();

startPolling({
  intervalMs: 1_000,
  visibility,
  tick: async () => {
    try {
      const [metrics, invocations, cost] = await Promise.all([
        api.metrics(),
        api.invocations(INVOCATIONS_SHOWN),
        api.cost(),
      ]);
      render(metrics, cost);
      list.update(invocations);
      showConnected(metrics.at);
    } catch (error) {
      showFailure(error);
    }
  },
});

function render(metrics: MetricsSnapshot, cost: CostSnapshot) {
  renderSummary(summary, metrics, usd(cost.totalUsd));
  chartWindow.textContent = `last ${metrics.windowSeconds} s, one point a second`;
  drawCharts(metrics);
  renderFunctionTable(functionRows, metrics.functions);
  renderCost(costPanel, cost);
}

// Versions, aliases and bucket listings cost the cloud API calls, and change only on a deploy or a save.
startPolling({
  intervalMs: 5_000,
  visibility,
  tick: async () => {
    const [functions, buckets] = await Promise.allSettled([api.functions(), api.buckets()]);
    // While the cloud is down the banner says so, and the last listings stay in view.
    const failed = (panel: HTMLElement, reason: unknown) => {
      if (reason instanceof Unreachable) return;
      panel.replaceChildren(
        el("p", { class: "notice error" }, reason instanceof Error ? reason.message : String(reason)),
      );
    };
    if (functions.status === "fulfilled") renderFunctions(versionsPanel, functions.value);
    else failed(versionsPanel, functions.reason);
    if (buckets.status === "fulfilled") renderBuckets(bucketsPanel, buckets.value);
    else failed(bucketsPanel, buckets.reason);
  },
});

visibility.onChange(() => {
  if (document.hidden) showPaused();
});

// The opened invocation is kept in the URL's fragment, so a reload or a shared link opens it again.
function linkedInvocation(): string | undefined {
  try {
    return decodeURIComponent(location.hash.slice(1)) || undefined;
  } catch {
    return undefined;
  }
}
const linked = linkedInvocation();
if (linked) void openInvocation(linked);
