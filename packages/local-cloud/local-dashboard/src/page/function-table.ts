import type { FunctionMetrics, FunctionStats } from "../dashboard-api";
import { el } from "./dom";
import { count, ms } from "./format";

/** `dev` is an alias, `3` a version, `$LATEST` the unpublished code: said so, for a reader new to Lambda. */
export function qualifierLabel(qualifier: string): string {
  if (qualifier === "$LATEST") return "$LATEST";
  return /^\d+$/.test(qualifier) ? `version ${qualifier}` : `alias ${qualifier}`;
}

function statCells(stats: FunctionStats): HTMLTableCellElement[] {
  const cell = (column: string, text: string, warn = false) =>
    el("td", { class: warn ? "num warn" : "num", "data-col": column }, text);
  return [
    cell("invocations", count(stats.invocations)),
    cell("errors", count(stats.errors), stats.errors > 0),
    cell("throttles", count(stats.throttles), stats.throttles > 0),
    cell("coldStarts", count(stats.coldStarts)),
    cell("concurrency", `${count(stats.concurrentExecutions)} / ${count(stats.maxConcurrentExecutions)}`),
    cell("p50", ms(stats.durationMs.p50)),
    cell("p95", ms(stats.durationMs.p95)),
    cell("p99", ms(stats.durationMs.p99)),
  ];
}

/** One row per function with its totals, then one per qualifier it was invoked by. */
export function renderFunctionTable(body: HTMLTableSectionElement, functions: FunctionMetrics[]) {
  const rows: HTMLTableRowElement[] = [];
  for (const fn of [...functions].sort((a, b) => a.functionName.localeCompare(b.functionName))) {
    rows.push(
      el(
        "tr",
        { class: "function-row", "data-function": fn.functionName, "data-qualifier": "" },
        el("th", { scope: "row" }, fn.functionName),
        ...statCells(fn.total),
      ),
    );
    for (const [qualifier, stats] of Object.entries(fn.byQualifier).sort(([a], [b]) => a.localeCompare(b))) {
      rows.push(
        el(
          "tr",
          { class: "qualifier-row", "data-function": fn.functionName, "data-qualifier": qualifier },
          el("th", { scope: "row" }, qualifierLabel(qualifier)),
          ...statCells(stats),
        ),
      );
    }
  }
  if (rows.length === 0)
    rows.push(el("tr", {}, el("td", { colspan: "9", class: "empty" }, "No function has been invoked yet.")));
  body.replaceChildren(...rows);
}
