import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildPackages } from "@holonet/cli-support/build-services";
import { findWorkspaceRoot } from "@holonet/cli-support/workspace-root";
import { FUNCTION_NAMES, FUNCTIONS } from "@holonet/infra/app-definition";
import type { BenchContext } from "./bench-context";
import { FULL, QUICK } from "./bench-settings";
import { type Figure, withBefore } from "./figures";
import { closeHttpClient } from "./http-client";
import { describeMachine } from "./machine";
import { progress } from "./progress";
import { copyRepository } from "./repo-copy";
import { type Report, renderJson, renderMarkdown } from "./report-writer";
import { coldStartSection } from "./sections/cold-start";
import { deploySection } from "./sections/deploy";
import { devLoopSection } from "./sections/dev-loop";
import { gatewaySections } from "./sections/gateway";
import { invokeSection } from "./sections/invoke";
import { listGrowthSection } from "./sections/list-growth";

const SECTIONS = ["gateway", "invoke", "cold", "growth", "dev", "deploy"] as const;
type Section = (typeof SECTIONS)[number];

const HELP = `Usage: pnpm bench [options]

Measures the local cloud, the bundles and the developer's loop, each beside a baseline measured in the
same run (the design's floors for the HTTP API and for S3 reads, a bare node:http server, serverless-offline's
CLI, a direct call of the handler, node -e 0 on the functions' Node.js, pnpm's own start), and writes
docs/benchmarks.md (the tables) and docs/benchmarks.json (one record per figure). Takes a few minutes;
progress goes to stderr. Traffic goes to 127.0.0.1 only; the dev-loop and deploy figures are taken in a
temporary copy of the repository, so the working tree is never edited.

Options:
  --quick            fewer and shorter runs: a smoke check (written to a temporary folder unless --out)
  --only <list>      only these sections, comma-separated: ${SECTIONS.join(", ")}
                     (written to a temporary folder unless --out)
  --before <file>    an earlier run's benchmarks.json: its figures become the "before" columns
  --out <dir>        where to write benchmarks.md and benchmarks.json (default docs/ for a full run)
  --render <file>    measure nothing: write benchmarks.md again from that benchmarks.json, with the
                     findings (src/findings.md) as they are now
  -h, --help         show this help`;

const COMMANDS = [
  "pnpm install",
  "pnpm bench                                   # everything, a few minutes: docs/benchmarks.{md,json}",
  "pnpm bench --quick                           # a smoke check, fewer and shorter runs",
  "pnpm bench --before old-benchmarks.json      # the same, with an earlier run as the before columns",
  "pnpm bench --only gateway,invoke --out /tmp/b  # some sections",
  "pnpm --filter @holonet/benchmarks run profile  # a CPU profile of the local cloud under load",
];

const METHOD = [
  "Load comes from autocannon 8 in a process of its own; each target (the local cloud, its floors, bare node:http, a peer) is warmed untimed until two warm-ups agree (so no cold start and no growing pool is counted), then runs alternate between the targets of one route and level; the median run is quoted. Latency percentiles are taken from every 2xx answer's exact time.",
  "The local cloud runs in the bench's process (startLocalCloud: S3, the Lambda API, the HTTP API), each function instance in a process of its own, as `pnpm dev` runs it. The HTTP API's throttling is raised to 1,000,000 requests/s so that its configured rate limit never answers a measurement; Lambda's account concurrency (100) is left as on AWS, so above 100 connections some answers are 429.",
  "The bare server is node:http in the same process answering the gateway's own answer (status, headers, JSON bytes) with no work: the physical limit of this machine for that answer.",
  "Floor (a) (src/channel-floor.ts) is node:http in the same process that hands each request to a warm worker process over the local cloud's own channel: fork() on the functions' Node.js build (@holonet/node-builds) with an IPC channel, the invocation sent as the runner's InvokeMessage with the event as JSON text (built from the request as the gateway builds it), the answer written back as the runner's end-of-invocation frame on stdout (src/channel-floor-worker.mjs parses the event and answers at once with the gateway's own answer bytes). One worker per request in flight, reused when idle, as the instance pool serves one invocation per instance at a time: the most the design leaves on this machine. GET /quote is measured beside it at 1, 10 and 50 connections, and its goals are stated against it; floor (a)'s own ratio to bare and p99s are in the table, and a goal that floor (a) misses too is marked so.",
  "Beside floor (a), the design that was not taken: the same server and worker, with every request sent to one warm worker while others are still in it (pipelined). It is what a process per function could reach, and it is not Lambda, which runs one invocation at a time in an execution environment; its figure shows what that isolation costs on this machine.",
  "Floor (b) (src/sdk-get-child.ts) is the real @aws-sdk/client-s3 GetObject of the saved object read by GET /quotes/{id}, 10 loops in parallel from one process (`new S3Client({})` with the S3 environment a local function gets: endpoint, execution role, region, checksum settings; each body read in full), against the bench cloud's own local S3, alternating with GET /quotes/{id} at 10 connections.",
  "The peer serverless-offline runs through its CLI as a developer runs it: `serverless offline start` (Serverless Framework 3.40.0, which needs no login, with serverless-offline 13.9.0, the last major for v3) in a temporary service folder holding the quote bundle behind `httpApi: GET /quote`, on free ports, its defaults otherwise (a worker thread per invocation, on the bench's Node.js). Its events carry null `pathParameters` and `body` where API Gateway leaves them out, which the quote contract rejects: a wrapper handler drops null fields before calling the bundle. It is measured at 1, 10 and 50 connections, alternating with the gateway.",
  "Invocations are timed one at a time, in rounds that alternate the variants; the direct call imports services/quote/dist/handler.mjs into the bench's process.",
  "Cold starts spawn a fresh process of the functions' own Node.js build (@holonet/node-builds, the runtime of infra's app definition) that imports the handler and answers the service's smoke event on stdout (store-save and store-get against a local S3), with no compile cache; the floor is `node -e 0`-like on that same build: a process that answers at once. The unbundled variant is the service built with every npm package left in node_modules (loaded file by file, as from a classic zip); its size is that of the handler and those packages deflated.",
  "The developer's loop and the deploy run in a temporary copy of the repository (without .git, turbo's cache or .holonet), so no edit touches the working tree; `pnpm dev` runs on free ports with its own --data-dir. Cold: as on a fresh clone after install (no package built, no build record, no command bundled) and an empty data folder; cached: the builds, their records and the data folder of an untimed start before.",
];

async function runSection(
  section: Section,
  sections: readonly Section[],
  ctx: BenchContext,
  repoCopy: () => string,
): Promise<Figure[]> {
  // The gateway's figures and the throughput curve share one cloud and their 10- and 50-connection runs.
  const growth = sections.includes("growth");
  switch (section) {
    case "gateway":
      return gatewaySections(ctx, { gateway: true, growth });
    case "invoke":
      return invokeSection(ctx);
    case "cold":
      return coldStartSection(ctx);
    case "growth":
      return [
        ...(sections.includes("gateway") ? [] : await gatewaySections(ctx, { gateway: false, growth: true })),
        ...(await listGrowthSection(ctx)),
      ];
    case "dev":
      return devLoopSection(ctx, repoCopy());
    case "deploy":
      return deploySection(ctx, repoCopy());
  }
}

const FINDINGS = new URL("./findings.md", import.meta.url);
const readFindings = () => (existsSync(FINDINGS) ? readFileSync(FINDINGS, "utf8") : "");

/** The tables of an earlier run, written again with the findings as they are now. */
function renderAgain(file: string, out = path.dirname(file)): void {
  const report = JSON.parse(readFileSync(file, "utf8")) as Omit<Report, "findings">;
  writeFileSync(path.join(out, "benchmarks.md"), renderMarkdown({ ...report, findings: readFindings() }));
  console.log(`Written ${path.relative(process.cwd(), path.join(out, "benchmarks.md"))} from ${file}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      before: { type: "string" },
      out: { type: "string" },
      render: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (values.render) {
    renderAgain(path.resolve(values.render), values.out);
    return;
  }
  const only = values.only?.split(",").map((each) => each.trim());
  const unknown = only?.filter((each) => !(SECTIONS as readonly string[]).includes(each)) ?? [];
  if (unknown.length > 0)
    throw new Error(`Unknown section(s): ${unknown.join(", ")}. Sections: ${SECTIONS.join(", ")}`);
  const sections = SECTIONS.filter((each) => only === undefined || only.includes(each));

  // These machines run Node 20, on which the SDK warns of its future releases; Lambda runs Node 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const root = findWorkspaceRoot(process.cwd());
  const partial = values.quick || only !== undefined;
  const out = path.resolve(
    values.out ?? (partial ? path.join(tmpdir(), "holonet-bench") : path.join(root, "docs")),
  );
  const earlier = values.before
    ? (JSON.parse(readFileSync(path.resolve(values.before), "utf8")) as { figures: Figure[] }).figures
    : undefined;
  const machine = describeMachine();
  const started = performance.now();
  const tmp = mkdtempSync(path.join(tmpdir(), "holonet-bench-"));
  const ctx: BenchContext = { root, tmp, settings: values.quick ? QUICK : FULL };
  let copy: string | undefined;
  const repoCopy = () => {
    copy ??= copyRepository(root, path.join(tmp, "repo"));
    return copy;
  };

  try {
    progress(
      `building the services (turbo), ${values.quick ? "quick" : "full"} run of: ${sections.join(", ")}`,
    );
    buildPackages(root, [
      "@holonet/lambda-runtime",
      "@holonet/web",
      ...FUNCTION_NAMES.map((name) => FUNCTIONS[name].packageName),
    ]);
    let figures: Figure[] = [];
    for (const section of sections) {
      progress(`section ${section}`);
      figures.push(...(await runSection(section, sections, ctx, repoCopy)));
    }
    if (earlier) figures = withBefore(figures, earlier);

    const report = {
      machine,
      mode: values.quick ? "quick" : "full",
      durationSeconds: (performance.now() - started) / 1000,
      commands: COMMANDS,
      method: METHOD,
      findings: readFindings(),
      figures,
    };
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "benchmarks.md"), renderMarkdown(report));
    writeFileSync(path.join(out, "benchmarks.json"), renderJson(report));
    const missed = figures.filter((each) => each.met === false).length;
    const met = figures.filter((each) => each.met === true).length;
    console.log(
      `${figures.length} figures in ${Math.round(report.durationSeconds)} s; goals met ${met}, missed ${missed}. Written to ${path.relative(process.cwd(), out) || "."}/benchmarks.{md,json}`,
    );
  } finally {
    closeHttpClient();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  // Function instances and keep-alive sockets are closed; anything a peer left running must not hold the exit.
  () => process.exit(0),
  (error: unknown) => {
    console.error(`pnpm bench: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
