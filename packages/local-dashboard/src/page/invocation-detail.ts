import type { InvocationDetail } from "../dashboard-api";
import { type Child, el } from "./dom";
import { clock, ms } from "./format";
import { traceWaterfall } from "./trace-waterfall";

function json(value: unknown): string {
  if (value === undefined) return "(none)";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

function fact(name: string, value: Child): Child {
  if (value === undefined || value === "") return null;
  return el("div", { class: "fact" }, el("dt", {}, name), el("dd", {}, value));
}

function block(title: string, testId: string, ...content: Child[]): HTMLElement {
  return el("section", { class: "detail-block", "data-testid": testId }, el("h4", {}, title), ...content);
}

/** One invocation opened: what it was asked, what it answered, what it logged, and where its time went. */
export function renderInvocationDetail(detail: InvocationDetail): HTMLElement[] {
  const facts = el(
    "dl",
    { class: "facts" },
    fact("Started", clock(detail.startedAt)),
    fact("Duration", `${ms(detail.durationMs)} ms`),
    fact(
      "Init duration",
      detail.initDurationMs === undefined ? undefined : `${ms(detail.initDurationMs)} ms`,
    ),
    fact("Cold start", detail.coldStart ? "yes" : "no"),
    fact("Version", detail.version),
    fact("Invoked as", detail.qualifier),
    fact("Route", detail.route),
    fact("Status", detail.status === undefined ? undefined : String(detail.status)),
    fact("Error", detail.error),
    fact("Request id", el("span", { class: "mono" }, detail.requestId)),
    fact("API request id", detail.apiRequestId && el("span", { class: "mono" }, detail.apiRequestId)),
    fact("Trace id", detail.traceId && el("span", { class: "mono" }, detail.traceId)),
  );
  return [
    el(
      "header",
      { class: "detail-header" },
      el("h3", {}, `${detail.functionName}:${detail.qualifier}`),
      detail.error
        ? el("span", { class: "tag tag-error" }, detail.error)
        : el("span", { class: "tag tag-ok" }, "ok"),
    ),
    facts,
    ...(detail.truncated
      ? [
          el(
            "p",
            { class: "notice" },
            "The event or the result was cut short to keep the dashboard's memory bounded.",
          ),
        ]
      : []),
    block("Trace", "trace", traceWaterfall(detail.spans)),
    block(
      "Logs",
      "logs",
      el("pre", { class: "logs" }, ...detail.logs.map((line) => el("span", { class: "log-line" }, line))),
    ),
    block("Event", "event", el("pre", {}, json(detail.event))),
    block("Result", "result", el("pre", {}, json(detail.result))),
  ];
}
