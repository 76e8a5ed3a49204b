import type { CostSnapshot } from "../dashboard-api";
import { el } from "./dom";
import { count, elapsed, usd } from "./format";

/** What this session would have cost on AWS at list prices, per function and for the API. */
export function renderCost(container: HTMLElement, cost: CostSnapshot) {
  const row = (name: string, calls: string, gbSeconds: string, dollars: number, cls = "") =>
    el(
      "tr",
      { class: cls },
      el("th", { scope: "row" }, name),
      el("td", { class: "num" }, calls),
      el("td", { class: "num" }, gbSeconds),
      el("td", { class: "num" }, usd(dollars)),
    );
  container.replaceChildren(
    el(
      "p",
      { class: "cost-total" },
      el("strong", { "data-testid": "cost-total" }, usd(cost.totalUsd)),
      ` over ${elapsed(cost.elapsedSeconds)}, at AWS list prices`,
    ),
    el(
      "table",
      { class: "compact" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", {}, ""),
          el("th", { class: "num" }, "Requests"),
          el("th", { class: "num" }, "GB-seconds"),
          el("th", { class: "num" }, "USD"),
        ),
      ),
      el(
        "tbody",
        {},
        ...cost.functions.map((fn) =>
          row(fn.functionName, count(fn.invocations), fn.gbSeconds.toFixed(3), fn.usd),
        ),
        row("HTTP API", count(cost.apiRequests), "", cost.apiUsd),
        row("Total", "", "", cost.totalUsd, "total"),
      ),
    ),
  );
}
