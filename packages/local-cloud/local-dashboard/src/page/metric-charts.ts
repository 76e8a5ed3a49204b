import type uPlot from "uplot";
import type { MetricsSnapshot } from "../dashboard-api";
import { el } from "./dom";
import { count, ms } from "./format";
import { type ChartSeries, liveChart } from "./live-chart";

export const COLORS = {
  requests: "#2563eb",
  p50: "#1d4ed8",
  p95: "#d97706",
  p99: "#dc2626",
  errors: "#dc2626",
  throttles: "#d97706",
  coldStarts: "#7c3aed",
};
const FUNCTION_COLORS = [
  "#2563eb",
  "#16a34a",
  "#d97706",
  "#7c3aed",
  "#0891b2",
  "#db2777",
  "#65a30d",
  "#475569",
];

type Series = MetricsSnapshot["series"];

interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  minMax?: number;
  log?: boolean;
  headline(snapshot: MetricsSnapshot): string;
  lines(series: Series): { series: ChartSeries[]; data: uPlot.AlignedData };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const lastOf = (values: number[]) => values[values.length - 1] ?? 0;

const CHARTS: ChartSpec[] = [
  {
    id: "requests",
    title: "Requests per second",
    unit: "req/s",
    headline: (s) => `${s.api.requestsPerSecond.toFixed(1)} req/s`,
    lines: (s) => ({
      series: [{ label: "requests", color: COLORS.requests, style: "step" }],
      data: [s.t, s.requests],
    }),
  },
  {
    id: "latency",
    title: "API latency",
    unit: "ms",
    minMax: 10,
    log: true,
    headline: (s) =>
      `p50 ${ms(s.api.latencyMs.p50)} · p95 ${ms(s.api.latencyMs.p95)} · p99 ${ms(s.api.latencyMs.p99)} ms`,
    lines: (s) => ({
      // With few requests in a second the three are equal: drawn widest first, each stays in sight, nested,
      // and p99 dashed, so that it reads apart from p95 even on top of it.
      series: [
        { label: "p50", color: COLORS.p50, width: 7 },
        { label: "p95", color: COLORS.p95, width: 4 },
        { label: "p99", color: COLORS.p99, width: 2, dash: [5, 3] },
      ],
      data: [s.t, s.latencyP50, s.latencyP95, s.latencyP99],
    }),
  },
  {
    id: "errors",
    title: "Function errors and throttles",
    unit: "per s",
    headline: (s) =>
      `${count(sum(s.series.errors))} function errors · ${count(sum(s.series.throttles))} throttles`,
    lines: (s) => ({
      series: [
        { label: "function errors", color: COLORS.errors, style: "step" },
        { label: "throttles", color: COLORS.throttles, style: "step" },
      ],
      data: [s.t, s.errors, s.throttles],
    }),
  },
  {
    id: "cold-starts",
    title: "Cold starts",
    unit: "per s",
    headline: (s) => `${count(sum(s.series.coldStarts))} in the window`,
    lines: (s) => ({
      series: [{ label: "cold starts", color: COLORS.coldStarts, style: "bars" }],
      data: [s.t, s.coldStarts],
    }),
  },
  {
    id: "concurrency",
    title: "Concurrency per function",
    unit: "running",
    headline: (s) => `${count(sum(Object.values(s.series.concurrency).map(lastOf)))} running`,
    lines: (s) => {
      const names = Object.keys(s.concurrency).sort();
      return {
        series: names.map((name, i) => ({
          label: name.replace(/^holonet-/, ""),
          color: FUNCTION_COLORS[i % FUNCTION_COLORS.length] ?? "#475569",
          style: "step" as const,
        })),
        data: [s.t, ...names.map((name) => s.concurrency[name] ?? [])],
      };
    },
  },
];

/** The charts of the metrics snapshot's per-second series, with the current value above each. */
export function metricCharts(grid: HTMLElement) {
  const charts = CHARTS.map((spec) => {
    const headline = el("span", { class: "chart-headline", "data-testid": `headline-${spec.id}` });
    const card = el(
      "figure",
      { class: "card chart", "data-chart": spec.id },
      el("figcaption", {}, el("span", { class: "chart-title" }, spec.title), headline),
    );
    grid.append(card);
    return {
      spec,
      headline,
      chart: liveChart(card, { unit: spec.unit, minMax: spec.minMax, log: spec.log }),
    };
  });

  return (snapshot: MetricsSnapshot) => {
    for (const { spec, headline, chart } of charts) {
      headline.textContent = spec.headline(snapshot);
      const { series, data } = spec.lines(snapshot.series);
      chart.draw(series, data);
    }
  };
}
