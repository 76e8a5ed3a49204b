import uPlot from "uplot";
import { el } from "./dom";

export interface ChartSeries {
  label: string;
  color: string;
  /** Bars for sparse counts (one error, one cold start), lines otherwise. */
  style?: "line" | "step" | "bars";
  /** Line width in CSS pixels (2 unless said). */
  width?: number;
  /** Dashes and gaps in CSS pixels, for a line that must read apart from one under it. */
  dash?: number[];
}

const HEIGHT = 170;

const pad = (value: number) => String(value).padStart(2, "0");
const timeOfDay = (epochSeconds: number) => {
  const at = new Date(epochSeconds * 1000);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
};
const AXIS = {
  stroke: "#475569",
  grid: { stroke: "#eef2f7", width: 1 },
  ticks: { stroke: "#e2e8f0", width: 1 },
};
const FONT = "11px system-ui, sans-serif";
const decades = (_u: uPlot, splits: number[]) =>
  splits.map((value) => (Number.isInteger(Math.log10(value)) ? value : null));

/**
 * The indexes of values with no value on either side. A line needs two neighbouring points, so a second
 * with requests between two without would draw nothing at all: these get a dot instead.
 */
export function isolatedPoints(values: readonly (number | null | undefined)[]): number[] {
  const present = (i: number) => values[i] !== null && values[i] !== undefined;
  return values.flatMap((_, i) => (present(i) && !present(i - 1) && !present(i + 1) ? [i] : []));
}

function seriesOptions(series: ChartSeries): uPlot.Series {
  const width = series.width ?? 2;
  const base = {
    label: series.label,
    stroke: series.color,
    width,
    dash: series.dash,
    points: { show: false },
  };
  if (series.style === "bars")
    return { ...base, width: 0, fill: `${series.color}cc`, paths: uPlot.paths.bars?.({ size: [0.7, 12] }) };
  if (series.style === "step")
    return { ...base, fill: `${series.color}1f`, paths: uPlot.paths.stepped?.({ align: 1 }) };
  return {
    ...base,
    points: {
      show: false,
      size: width * 2 + 2,
      width: 0,
      fill: series.color,
      filter: (u: uPlot, index: number) => isolatedPoints(Array.from(u.data[index] ?? [])),
    },
  };
}

/** A key of each series under the chart: its colour, as thick as its line. */
function legend(series: ChartSeries[]): HTMLElement {
  return el(
    "ul",
    { class: "chart-legend" },
    ...series.map((one) => {
      const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
      swatch.style.height = `${one.style === "bars" ? 8 : Math.max(2, one.width ?? 2)}px`;
      const [dash = 0, gap = 0] = one.dash ?? [];
      swatch.style.background = one.dash
        ? `repeating-linear-gradient(90deg, ${one.color} 0 ${dash}px, transparent ${dash}px ${dash + gap}px)`
        : one.color;
      return el("li", { "data-series": one.label }, swatch, one.label);
    }),
  );
}

/**
 * One live time-series chart (uPlot: canvas, fast enough to redraw every second with thousands of
 * points). Series may come and go (a new function appears): the chart is then rebuilt, otherwise only its
 * data changes. It follows its container's width. `log` draws the values on a log scale, for latencies
 * where one cold start would flatten every other line.
 */
export function liveChart(container: HTMLElement, options: { unit: string; minMax?: number; log?: boolean }) {
  let plot: uPlot | undefined;
  let shape = "";
  const host = el("div", { class: "chart-canvas" });
  const keyHost = el("div", { class: "chart-key" });
  container.append(host, keyHost);

  const yScale: uPlot.Scale = options.log
    ? {
        distr: 3,
        log: 10,
        // From 1 ms (or less, when faster) to a decade above the slowest, so the lines never touch the frame.
        range: (_u, min, max) =>
          uPlot.rangeLog(min > 0 ? Math.min(min, 1) : 1, Math.max(max || 1, options.minMax ?? 10), 10, true),
      }
    : // Counts and milliseconds start at zero, and a quiet chart still shows a small range.
      { range: (_u, _min, max) => [0, Math.max(options.minMax ?? 1, max * 1.1)] };

  const build = (series: ChartSeries[], data: uPlot.AlignedData) => {
    plot?.destroy();
    plot = new uPlot(
      {
        width: Math.max(200, host.clientWidth),
        height: HEIGHT,
        cursor: { sync: { key: "dashboard" }, drag: { x: false, y: false } },
        // The key is the page's own list under the chart (line widths included); the headline has values.
        legend: { show: false },
        scales: { x: { time: true }, y: yScale },
        axes: [
          { ...AXIS, font: FONT, values: (_u, splits) => splits.map(timeOfDay) },
          {
            ...AXIS,
            font: FONT,
            size: 46,
            label: options.log ? `${options.unit} (log)` : options.unit,
            labelSize: 14,
            labelFont: FONT,
            // On a log scale uPlot splits every decade nine times: lines and labels at 1, 10, 100, … only.
            ...(options.log && {
              filter: decades,
              grid: { ...AXIS.grid, filter: decades },
              ticks: { ...AXIS.ticks, filter: decades },
            }),
          },
        ],
        series: [{ label: "time" }, ...series.map(seriesOptions)],
      },
      data,
      host,
    );
    keyHost.replaceChildren(legend(series));
  };

  new ResizeObserver(() => {
    if (plot && host.clientWidth > 0) plot.setSize({ width: host.clientWidth, height: HEIGHT });
  }).observe(host);

  return {
    draw(series: ChartSeries[], data: uPlot.AlignedData) {
      const next = series
        .map((one) => `${one.label}|${one.color}|${one.style}|${one.width}|${one.dash}`)
        .join(",");
      if (!plot || next !== shape) {
        shape = next;
        build(series, data);
      } else plot.setData(data);
    },
  };
}
