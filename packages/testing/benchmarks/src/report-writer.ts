import type { Figure } from "./figures";
import type { Machine } from "./machine";

export interface Report {
  machine: Machine;
  /** "full" or "quick": a quick run is a smoke check, not a figure to quote. */
  mode: string;
  /** How long the run took, in seconds. */
  durationSeconds: number;
  commands: string[];
  /** How the figures were taken, one point a line. */
  method: string[];
  /** Hand-written findings (markdown), kept beside the code that measures them. */
  findings: string;
  figures: Figure[];
}

const DIGITS: Record<string, number> = { "req/s": 0, KB: 1, B: 0, items: 0 };

/** A value as the table shows it: fewer digits for larger numbers. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return "-";
  const digits = DIGITS[unit] ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  const text = value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${text} ${unit}`;
}

const formatRatio = (ratio: number | null) =>
  ratio === null ? "-" : `${ratio.toFixed(ratio < 10 ? 2 : 1)}×`;
const formatMet = (met: boolean | null) => (met === null ? "-" : met ? "yes" : "**no**");

/** Beside a verdict: whether the floor that bounds the figure meets the same goal. */
function floorVerdict(each: Figure): string {
  if (!each.floor || each.floor.met === null) return "";
  const value = formatValue(each.floor.value, each.unit);
  return each.floor.met
    ? `${each.floor.name} (${value}) meets it`
    : `${each.floor.name} (${value}) misses it too: the design's floor explains the miss`;
}
/** Table cells hold no pipes or line breaks. */
const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

function sectionTable(figures: Figure[], withBefore: boolean): string[] {
  const head = withBefore
    ? [
        "figure",
        "before",
        "after",
        "baseline",
        "baseline value",
        "ratio before",
        "ratio after",
        "goal",
        "met",
        "note",
      ]
    : ["figure", "value", "baseline", "baseline value", "ratio", "goal", "met", "note"];
  const rows = figures.map((each) => {
    const value = formatValue(each.value, each.unit);
    const common = [formatValue(each.baselineValue, each.unit), ""];
    const cells = withBefore
      ? [
          each.name,
          formatValue(each.before?.value ?? null, each.unit),
          value,
          each.baseline,
          common[0] ?? "",
          formatRatio(each.before?.ratio ?? null),
          formatRatio(each.ratio),
        ]
      : [each.name, value, each.baseline, common[0] ?? "", formatRatio(each.ratio)];
    const verdict = floorVerdict(each);
    const met = verdict === "" ? formatMet(each.met) : `${formatMet(each.met)}; ${verdict}`;
    return [...cells, each.goal ?? "-", met, each.note];
  });
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
}

/** docs/benchmarks.md: the machine, the commands, how, then one table per section. */
export function renderMarkdown(report: Report): string {
  const { machine } = report;
  const withBefore = report.figures.some((each) => each.before !== undefined);
  // Sections are titled a. to f. after the issue's items: in that order, whatever order they ran in.
  const sections = [...new Set(report.figures.map((each) => each.section))].sort();
  const missed = report.figures.filter((each) => each.met === false);
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`pnpm bench\` (${report.mode} run, ${Math.round(report.durationSeconds)} s) on ${machine.date}. ` +
      "Every figure stands beside a baseline measured in the same run on the same machine, and the ratio " +
      "between them is what to compare across machines; the absolute numbers move with the machine's load.",
    "",
    "## Machine",
    "",
    "| cpu | cores | memory | node | platform | load average at start |",
    "| --- | --- | --- | --- | --- | --- |",
    `| ${cell(machine.cpuModel)} | ${machine.cores} | ${machine.memoryGb} GB | ${machine.node} | ${machine.platform} | ${machine.loadAtStart} |`,
    "",
    "## Run it again",
    "",
    "```sh",
    ...report.commands,
    "```",
    "",
    "## How",
    "",
    ...report.method.map((line) => `- ${line}`),
    "",
  ];
  if (report.findings.trim() !== "") lines.push(report.findings.trim(), "");
  lines.push("## Goals missed", "");
  if (missed.length === 0) lines.push("None.", "");
  else
    lines.push(
      ...missed.map((each) => {
        const verdict = floorVerdict(each);
        return `- ${each.section}: ${each.name} (${each.goal})${verdict === "" ? "" : `; ${verdict}`}`;
      }),
      "",
    );
  for (const section of sections) {
    lines.push(`## ${section}`, "");
    lines.push(
      ...sectionTable(
        report.figures.filter((each) => each.section === section),
        withBefore,
      ),
      "",
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** docs/benchmarks.json: the run's facts and one record per figure. */
export function renderJson(report: Report): string {
  const { findings: _findings, ...rest } = report;
  return `${JSON.stringify(rest, null, 2)}\n`;
}
