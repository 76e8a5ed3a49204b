import type { Span } from "../dashboard-api";
import { el } from "./dom";
import { ms } from "./format";

/** How deep each hop sits in a request: the gateway calls Lambda, which inits and runs the handler, which calls S3. */
const DEPTH: Record<Span["hop"], number> = { gateway: 0, lambda: 1, init: 2, handler: 2, s3: 3 };

/** A gap shorter than this is the clock's noise, not time anyone could win back. */
const SHOWN_GAP_MS = 1;

/** A row of the waterfall: a span, or the unlabelled time before a cold start's init. */
type Row = { kind: "span"; span: Span } | { kind: "sandbox"; span: Span };

/**
 * On a cold start, Lambda starts a new sandbox (a process, here) before Init runs, and no span covers
 * that time: the gap between the Lambda span's start and Init's gets a row of its own, so it is read as
 * the sandbox starting rather than as time lost nowhere.
 */
export function sandboxGap(spans: Span[]): Span | undefined {
  const lambda = spans.find((span) => span.hop === "lambda");
  const init = spans.find((span) => span.hop === "init");
  if (!lambda || !init) return undefined;
  const gap = init.startOffsetMs - lambda.startOffsetMs;
  if (gap < SHOWN_GAP_MS) return undefined;
  return {
    hop: "init",
    name: "Sandbox start",
    startOffsetMs: lambda.startOffsetMs,
    durationMs: Math.round(gap * 100) / 100,
    detail: "a new execution environment, before Init",
  };
}

/**
 * The trace as a waterfall: one bar per span on a common time axis, so the hop a request spent its time
 * in stands out. Positions are CSSOM properties, which the page's CSP allows (no style attributes).
 */
export function traceWaterfall(spans: Span[]): HTMLElement {
  if (spans.length === 0) return el("p", { class: "muted" }, "No spans were recorded for this invocation.");
  const total = Math.max(...spans.map((span) => span.startOffsetMs + span.durationMs), 0.001);
  const ordered = [...spans].sort((a, b) => a.startOffsetMs - b.startOffsetMs || DEPTH[a.hop] - DEPTH[b.hop]);
  const timeline: Row[] = ordered.map((span) => ({ kind: "span", span }));
  const gap = sandboxGap(spans);
  if (gap)
    timeline.splice(
      timeline.findIndex((row) => row.span.hop === "init"),
      0,
      { kind: "sandbox", span: gap },
    );

  const rows = timeline.map(({ kind, span }) => {
    const sandbox = kind === "sandbox";
    const left = (span.startOffsetMs / total) * 100;
    const width = (span.durationMs / total) * 100;
    const bar = el("div", { class: sandbox ? "wf-bar wf-sandbox" : `wf-bar hop-${span.hop}` });
    bar.style.left = `${left}%`;
    bar.style.width = `${width}%`;
    const duration = el("span", { class: "wf-duration" }, `${ms(span.durationMs)} ms`);
    // The duration sits after its bar; for a bar that ends near the right edge, inside it when wide
    // enough, else before it.
    if (left + width <= 75) duration.style.left = `calc(${left + width}% + 6px)`;
    else if (width >= 20 && !sandbox) {
      duration.classList.add("inside");
      duration.style.right = `calc(${100 - left - width}% + 6px)`;
    } else duration.style.right = `calc(${100 - left}% + 6px)`;
    const label = el(
      "div",
      { class: "wf-label" },
      sandbox
        ? el("span", { class: "hop-badge hop-sandbox" }, "sandbox")
        : el("span", { class: `hop-badge hop-${span.hop}` }, span.hop),
      el(
        "span",
        { class: "wf-text" },
        el("span", { class: "wf-name" }, span.name),
        span.detail && el("span", { class: "wf-detail" }, span.detail),
      ),
    );
    label.style.paddingLeft = `${DEPTH[span.hop] * 12}px`;
    return el(
      "div",
      {
        class: "wf-row",
        // The sandbox row is the page's reading of a gap, not a span the cloud recorded.
        "data-testid": sandbox ? "sandbox-gap" : "span",
        "data-hop": sandbox ? undefined : span.hop,
        title: `${span.name}: starts at ${ms(span.startOffsetMs)} ms, lasts ${ms(span.durationMs)} ms${span.detail ? ` (${span.detail})` : ""}`,
      },
      label,
      el("div", { class: "wf-track" }, bar, duration),
    );
  });

  return el(
    "div",
    { class: "waterfall" },
    ...rows,
    el(
      "div",
      { class: "wf-row wf-axis" },
      el("div", { class: "wf-label" }),
      el("div", { class: "wf-track" }, el("span", {}, "0 ms"), el("span", {}, `${ms(total)} ms`)),
    ),
  );
}
