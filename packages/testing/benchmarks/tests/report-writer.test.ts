import { describe, expect, it } from "vitest";
import { type Figure, figure, withBefore } from "../src/figures";
import type { Machine } from "../src/machine";
import { formatValue, renderJson, renderMarkdown } from "../src/report-writer";

const machine: Machine = {
  cpuModel: "Test CPU",
  cores: 2,
  memoryGb: 24,
  node: "v20.20.2",
  platform: "linux x64",
  loadAtStart: 0.5,
  date: "2026-11-27T15:00:00.000Z",
};

const figures: Figure[] = [
  figure({
    section: "a. Gateway",
    name: "GET /quote, 10 connections: throughput",
    value: 3000,
    unit: "req/s",
    baseline: "bare node:http",
    baselineValue: 12000,
    goal: { text: "≥ 50% of bare", isMet: (value, base) => value >= 0.5 * base },
    note: "answers: 1×200",
  }),
  figure({
    section: "c. Sizes",
    name: "quote: zip",
    value: 25,
    unit: "KB",
    baseline: "classic zip",
    baselineValue: 1600,
    goal: { text: "< 30 KB", isMet: (value) => value < 30 },
  }),
  figure({
    section: "b. Invoke",
    name: "a peer that cannot run here",
    value: null,
    unit: "ms",
    baseline: "direct call",
    baselineValue: null,
    note: "could not run here: needs a login",
  }),
];

const report = (items: Figure[]) => ({
  machine,
  mode: "full",
  durationSeconds: 300,
  commands: ["pnpm bench"],
  method: ["Load from autocannon."],
  findings: "## Findings\n\nThe gateway is fast.",
  figures: items,
});

describe("a goal beside the floor that bounds it", () => {
  const bounded = (floorP99: number) =>
    figure({
      section: "a. Gateway",
      name: "GET /quote, 10 connections: p99",
      value: 7,
      unit: "ms",
      baseline: "floor (a)",
      baselineValue: floorP99,
      goal: { text: "< 5 ms", isMet: (value) => value < 5 },
      floor: { name: "floor (a)'s p99", value: floorP99 },
    });

  it("judges the floor by the same goal", () => {
    expect(bounded(6.5).floor).toEqual({ name: "floor (a)'s p99", value: 6.5, met: false });
    expect(bounded(2).floor).toEqual({ name: "floor (a)'s p99", value: 2, met: true });
  });

  it("says in the missed goals when the design's floor misses the goal too", () => {
    const markdown = renderMarkdown(report([bounded(6.5), bounded(2)]));
    expect(markdown).toContain(
      "(< 5 ms); floor (a)'s p99 (6.50 ms) misses it too: the design's floor explains the miss",
    );
    expect(markdown).toContain("(< 5 ms); floor (a)'s p99 (2.00 ms) meets it");
  });
});

describe("figure", () => {
  it("states the ratio to the baseline and whether the goal is met", () => {
    expect(figures[0]).toMatchObject({ ratio: 0.25, met: false, goal: "≥ 50% of bare" });
    expect(figures[1]).toMatchObject({ ratio: 25 / 1600, met: true });
  });

  it("leaves ratio and met empty for a figure that could not be measured", () => {
    expect(figures[2]).toMatchObject({ value: null, ratio: null, met: null, goal: null });
  });
});

describe("renderMarkdown", () => {
  it("writes the machine, the commands and one table per section, a row per figure", () => {
    const text = renderMarkdown(report(figures));
    expect(text).toContain("| Test CPU | 2 | 24 GB | v20.20.2 | linux x64 | 0.5 |");
    expect(text).toContain("```sh\npnpm bench\n```");
    expect(text).toContain("## Findings");
    for (const section of ["## a. Gateway", "## b. Invoke", "## c. Sizes"]) expect(text).toContain(section);
    const rows = text.split("\n").filter((line) => line.startsWith("| GET /quote, 10 connections"));
    expect(rows).toEqual([
      "| GET /quote, 10 connections: throughput | 3,000 req/s | bare node:http | 12,000 req/s | 0.25× | ≥ 50% of bare | **no** | answers: 1×200 |",
    ]);
    expect(text).toContain(
      "| a peer that cannot run here | - | direct call | - | - | - | - | could not run here: needs a login |",
    );
  });

  it("lists the missed goals", () => {
    const missed = renderMarkdown(report(figures)).split("## Goals missed")[1]?.split("##")[0];
    expect(missed).toContain("a. Gateway: GET /quote, 10 connections: throughput (≥ 50% of bare)");
    expect(missed).not.toContain("quote: zip");
  });

  it("adds before and after columns when an earlier run is given", () => {
    const earlier = [{ ...(figures[0] as Figure), value: 1000, ratio: 0.1 }];
    const text = renderMarkdown(report(withBefore(figures, earlier)));
    expect(text).toContain(
      "| figure | before | after | baseline | baseline value | ratio before | ratio after |",
    );
    expect(text).toContain(
      "| GET /quote, 10 connections: throughput | 1,000 req/s | 3,000 req/s | bare node:http |",
    );
  });

  it("keeps a pipe in a note from breaking the table", () => {
    const text = renderMarkdown(report([{ ...(figures[1] as Figure), note: "a | b" }]));
    expect(text).toContain("a \\| b");
  });
});

describe("renderJson", () => {
  it("holds one record per figure with its name, value, unit, baseline, ratio, goal and note", () => {
    const parsed = JSON.parse(renderJson(report(figures))) as { figures: Figure[]; machine: Machine };
    expect(parsed.machine).toEqual(machine);
    expect(parsed.figures).toHaveLength(3);
    for (const record of parsed.figures) {
      expect(Object.keys(record)).toEqual(
        expect.arrayContaining([
          "name",
          "value",
          "unit",
          "baseline",
          "baselineValue",
          "ratio",
          "goal",
          "met",
          "note",
        ]),
      );
    }
  });
});

describe("formatValue", () => {
  it("shows fewer digits as numbers grow, and a dash for no value", () => {
    expect(formatValue(0.123, "ms")).toBe("0.12 ms");
    expect(formatValue(12.34, "ms")).toBe("12.3 ms");
    expect(formatValue(1234.5, "ms")).toBe("1,235 ms");
    expect(formatValue(null, "ms")).toBe("-");
  });
});
