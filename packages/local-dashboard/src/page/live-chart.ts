import uPlot from "uplot";
import { el } from "./dom";

export interface ChartSeries {
  label: string;
  color: string;
  /** Bars for sparse counts (one error, one cold start), lines otherwise. */
  style?: "line" | "step" | "bars";
}

const HEIGHT = 170;

const pad = (value: number) => String(value).padStart(2, "0");
const timeOfDay = (epochSeconds: number) => {
  const at = new Date(epochSeconds * 1000);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
};
const AXIS = {
  stroke: "#64748b",
  grid: { stroke: "#eef2f7", width: 1 },
  ticks: { stroke: "#e2e8f0", width: 1 },
};

function seriesOptions(series: ChartSeries): uPlot.Series {
  const base = { label: series.label, stroke: series.color, width: 2, points: { show: false } };
  if (series.style === "bars")
    return { ...base, width: 0, fill: `${series.color}cc`, paths: uPlot.paths.bars?.({ size: [0.7, 12] }) };
  if (series.style === "step")
    return { ...base, fill: `${series.color}1f`, paths: uPlot.paths.stepped?.({ align: 1 }) };
  return base;
}

/**
 * One live time-series chart (uPlot: canvas, fast enough to redraw every second with thousands of
 * points). Series may come and go (a new function appears): the chart is then rebuilt, otherwise only its
 * data changes. It follows its container's width.
 */
export function liveChart(container: HTMLElement, options: { unit: string; minMax?: number }) {
  let plot: uPlot | undefined;
  let key = "";
  const host = el("div", { class: "chart-canvas" });
  container.append(host);

  const build = (series: ChartSeries[], data: uPlot.AlignedData) => {
    plot?.destroy();
    plot = new uPlot(
      {
        width: Math.max(200, host.clientWidth),
        height: HEIGHT,
        cursor: { sync: { key: "dashboard" }, drag: { x: false, y: false } },
        // A key of colours; the card's headline carries the current values.
        legend: { live: false },
        scales: {
          x: { time: true },
          // Counts and milliseconds start at zero, and a quiet chart still shows a small range.
          y: { range: (_u, _min, max) => [0, Math.max(options.minMax ?? 1, max * 1.1)] },
        },
        axes: [
          { ...AXIS, font: "11px system-ui, sans-serif", values: (_u, splits) => splits.map(timeOfDay) },
          {
            ...AXIS,
            font: "11px system-ui, sans-serif",
            size: 46,
            label: options.unit,
            labelSize: 14,
            labelFont: "11px system-ui, sans-serif",
          },
        ],
        series: [{ label: "time" }, ...series.map(seriesOptions)],
      },
      data,
      host,
    );
  };

  new ResizeObserver(() => {
    if (plot && host.clientWidth > 0) plot.setSize({ width: host.clientWidth, height: HEIGHT });
  }).observe(host);

  return {
    draw(series: ChartSeries[], data: uPlot.AlignedData) {
      const next = series.map((one) => `${one.label}|${one.color}|${one.style}`).join(",");
      if (!plot || next !== key) {
        key = next;
        build(series, data);
      } else plot.setData(data);
    },
  };
}
