import type { InvocationDetail } from "../dashboard-api";
import { type Child, el } from "./dom";
import { clock, ms } from "./format";
import { type LogLine, readLogLine } from "./log-lines";
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

/**
 * A pane that scrolls: focusable, so a keyboard can scroll it too, and named, so a screen reader says
 * what it is when it gets the focus.
 */
function scrollPane(name: string, testId: string, ...content: Child[]): HTMLElement {
  return el("pre", { tabindex: "0", role: "region", "aria-label": name, "data-testid": testId }, ...content);
}

const pair = ([name, value]: [string, string]) => [
  " ",
  el("span", { class: "log-key" }, `${name}=`),
  el("span", { class: "log-value" }, value),
];

/** One log line, as people read it: time, level, message, then key=value fields; the metrics line in one row. */
function logLine(line: LogLine): HTMLElement {
  if (line.kind === "metric") {
    return el(
      "span",
      { class: "log-line log-metric" },
      el("span", { class: "log-level level-metric" }, "METRIC"),
      ...line.metrics.flatMap(pair),
      line.dimensions.length > 0 &&
        el("span", { class: "log-dimensions" }, "  ·", ...line.dimensions.flatMap(pair)),
    );
  }
  if (line.kind === "text") {
    return el("span", { class: line.platform ? "log-line log-platform" : "log-line" }, line.text);
  }
  return el(
    "span",
    { class: "log-line log-entry" },
    line.time && el("span", { class: "log-time" }, `${line.time} `),
    el("span", { class: `log-level level-${line.level.toLowerCase()}` }, line.level),
    " ",
    el("span", { class: "log-message" }, line.message),
    ...line.fields.flatMap(pair),
  );
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
      scrollPane("Logs", "log-lines", ...detail.logs.map((line) => logLine(readLogLine(line)))),
      el(
        "details",
        { class: "raw-logs" },
        el("summary", {}, "The lines as logged"),
        scrollPane(
          "Logs as logged",
          "raw-logs",
          ...detail.logs.map((line) => el("span", { class: "log-line" }, line)),
        ),
      ),
    ),
    block("Event", "event", scrollPane("Event", "event-payload", json(detail.event))),
    block("Result", "result", scrollPane("Result", "result-payload", json(detail.result))),
  ];
}
