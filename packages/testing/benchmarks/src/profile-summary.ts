/** A V8 CPU profile (.cpuprofile), as node --cpu-prof and the inspector's Profiler.stop write it. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  label: string;
  ms: number;
  /** Share of the busy time: every sample but (idle). */
  share: number;
}

/** What a script's URL belongs to: a package, a workspace package, a part of Node, or V8 itself. */
export function areaOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const pnpm = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(@[^/]+\/[^/]+|[^/]+)/.exec(url);
  if (pnpm?.[1]) return pnpm[1];
  // packages/<kind>/<folder>/ (the folder is the package's name, but for the local cloud's own, `cloud`).
  const workspace = /\/(packages\/[^/]+|services)\/([^/]+)\//.exec(url);
  if (workspace?.[2]) {
    if (workspace[1] === "services") return `${workspace[2]} bundle`;
    return workspace[2] === "cloud" ? "@holonet/local-cloud" : `@holonet/${workspace[2]}`;
  }
  const node = /^node:(?:internal\/)?([^/]+)/.exec(url);
  if (node?.[1]) return `node: ${node[1].replace(/\.js$/, "")}`;
  if (url.includes("/lambda/functions/")) return "function bundle";
  return url.replace(/^file:\/\//, "");
}

/** Self time by area and by function, busiest first. */
export function summarizeProfile(
  profile: CpuProfile,
  top = 20,
): { busyMs: number; areas: ProfileRow[]; functions: ProfileRow[] } {
  const selfMs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyMs = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)" || ms === 0) continue;
    busyMs += ms;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const label = `${functionName || "(anonymous)"} [${area}${url ? `:${lineNumber + 1}` : ""}]`;
    functions.set(label, (functions.get(label) ?? 0) + ms);
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, ms]) => ({ label, ms, share: busyMs > 0 ? ms / busyMs : 0 }));
  return { busyMs, areas: rows(areas), functions: rows(functions) };
}

export function renderProfileSummary(title: string, summary: ReturnType<typeof summarizeProfile>): string {
  const table = (rows: ProfileRow[]) => [
    "| self time | share | where |",
    "| --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${row.ms.toFixed(0)} ms | ${(100 * row.share).toFixed(1)}% | ${row.label.replaceAll("|", "\\|")} |`,
    ),
  ];
  return [
    `### ${title}`,
    "",
    `Busy (not idle) for ${summary.busyMs.toFixed(0)} ms.`,
    "",
    "By area:",
    "",
    ...table(summary.areas),
    "",
    "By function:",
    "",
    ...table(summary.functions),
    "",
  ].join("\n");
}
