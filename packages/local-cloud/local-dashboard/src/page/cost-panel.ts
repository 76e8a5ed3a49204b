import type { CostSnapshot } from "../dashboard-api";
import { compactTable, el } from "./dom";
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
    compactTable(
      [
        { title: "Cost of", hidden: true },
        { title: "Requests", num: true },
        { title: "GB-seconds", num: true },
        { title: "USD", num: true },
      ],
      [
        ...cost.functions.map((fn) =>
          row(fn.functionName, count(fn.invocations), fn.gbSeconds.toFixed(3), fn.usd),
        ),
        row("HTTP API", count(cost.apiRequests), "", cost.apiUsd),
        row("Total", "", "", cost.totalUsd, "total"),
      ],
    ),
  );
}
