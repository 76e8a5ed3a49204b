import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchContext } from "../bench-context";
import { startDev } from "../dev-process";
import { type Figure, figure } from "../figures";
import { httpRequest } from "../http-client";
import { progress } from "../progress";
import { median, secondsList } from "../stats";
import { timeProcess } from "../timed-process";

const SECTION = "d. The developer's loop (in a copy of the repository)";
const EDITED_FILE = path.join("services", "quote", "src", "jedi-quote.ts");
const EDITED_LINE = "return { quote: randomQuote() };";
const RELOAD_MS = 60_000;
const POLL_MS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The workspace's package folders: services/*, packages/<layer>/*, infra. */
function packageFolders(repo: string): string[] {
  const children = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.join(dir, entry.name))
      : [];
  return [
    ...children(path.join(repo, "services")),
    ...children(path.join(repo, "packages")).flatMap(children),
    path.join(repo, "infra"),
  ];
}

/**
 * The repository as a fresh clone leaves it after `pnpm install`: no package built (dist/), no record of a
 * build of pnpm dev's (holonet-lambda-context) and no command bundled yet (holonet-tools).
 */
export function forgetBuilds(repo: string): void {
  for (const folder of packageFolders(repo)) {
    rmSync(path.join(folder, "dist"), { recursive: true, force: true });
    for (const cache of ["holonet-lambda-context", "holonet-tools"])
      rmSync(path.join(folder, "node_modules", ".cache", cache), { recursive: true, force: true });
  }
}

/** `pnpm exec node -e 0`: what any pnpm command costs before it does anything. */
export async function pnpmFloor(repo: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    times.push(
      (
        await timeProcess("pnpm", ["exec", "node", "-e", "0"], {
          cwd: repo,
          until: "exit",
          timeoutMs: 30_000,
        })
      ).ms,
    );
  }
  return median(times);
}

async function timedCommand(
  repo: string,
  command: string[],
  runs: number,
  env: NodeJS.ProcessEnv = process.env,
) {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const [file = "", ...args] = command;
    const timed = await timeProcess(file, args, { cwd: repo, env, until: "exit", timeoutMs: 300_000 });
    if (timed.code !== 0) throw new Error(`${command.join(" ")} failed: ${timed.stdout}${timed.stderr}`);
    times.push(timed.ms);
  }
  return median(times);
}

/** d: pnpm dev to the first 200 (cold and cached), a saved edit to the new version answering, a cached build. */
export async function devLoopSection(ctx: BenchContext, repo: string): Promise<Figure[]> {
  const { settings } = ctx;
  const floor = await pnpmFloor(repo, Math.max(3, settings.buildRuns));
  const floorBase = {
    section: SECTION,
    unit: "s",
    baseline: "pnpm exec node -e 0 (pnpm's own start)",
    baselineValue: floor / 1000,
  };

  const cold: number[] = [];
  const coldBuilds: number[] = [];
  for (let run = 0; run < settings.devColdRuns; run++) {
    progress(`dev loop: pnpm dev, cold (as on a fresh clone), run ${run + 1} of ${settings.devColdRuns}`);
    forgetBuilds(repo);
    const dev = await startDev(repo, mkdtempSync(path.join(ctx.tmp, "dev-cold-")));
    cold.push(dev.firstOkMs);
    if (dev.builtMs !== undefined) coldBuilds.push(dev.builtMs);
    await dev.stop();
  }
  // Everything pnpm dev builds at its start, by the packages' own builds (tsup, tsx) through turbo, its
  // cache bypassed: how it was built before pnpm dev built it itself (docs/decisions/0014, 0016).
  const packages = [
    "@holonet/lambda-runtime",
    "@holonet/local-dashboard",
    "@holonet/web",
    "@holonet/quote",
    "@holonet/store-save",
    "@holonet/store-get",
  ];
  progress("dev loop: the same builds through turbo, its cache bypassed");
  const coldBuild = await timedCommand(
    repo,
    [
      path.join(repo, "node_modules", ".bin", "turbo"),
      "run",
      "build",
      "--force",
      ...packages.map((name) => `--filter=${name}`),
    ],
    settings.devColdRuns,
  );
  const cachedData = mkdtempSync(path.join(ctx.tmp, "dev-cached-"));
  // Untimed: fills the data folder and leaves the builds' records, as a developer's second start finds them.
  await (await startDev(repo, cachedData)).stop();
  const cached: number[] = [];
  for (let run = 0; run < settings.devCachedRuns; run++) {
    progress(`dev loop: pnpm dev, cached, run ${run + 1} of ${settings.devCachedRuns}`);
    const dev = await startDev(repo, cachedData);
    cached.push(dev.firstOkMs);
    await dev.stop();
  }

  progress("dev loop: tsup alone on the quote service (the hot reload's baseline)");
  const tsup = await timedCommand(
    path.join(repo, "services", "quote"),
    [path.join(repo, "services", "quote", "node_modules", ".bin", "tsup")],
    Math.max(3, settings.reloadRuns),
  );
  const reloads = await hotReloads(ctx, repo, cachedData);

  progress("dev loop: pnpm build, fully cached");
  await timedCommand(repo, ["pnpm", "build"], 1);
  const build = await timedCommand(repo, ["pnpm", "build"], settings.buildRuns);
  const turboBuild = await timedCommand(
    repo,
    [path.join(repo, "node_modules", ".bin", "turbo"), "run", "build"],
    settings.buildRuns,
  );

  return [
    figure({
      ...floorBase,
      name: "pnpm dev to the first 200, cold (as on a fresh clone: nothing built, no command bundled, an empty data folder)",
      value: median(cold) / 1000,
      goal: { text: "< 3 s", isMet: (value) => value < 3 },
      note: `${cold.length} run(s): ${secondsList(cold, 1)} s`,
    }),
    figure({
      ...floorBase,
      name: 'of which its builds, in its own process (pnpm dev\'s "Built in")',
      value: median(coldBuilds) / 1000,
      note: `the three function bundles, the runner, the dashboard's page and the site, built whole: ${secondsList(coldBuilds, 2)} s`,
    }),
    figure({
      ...floorBase,
      name: "the same builds through turbo, its cache bypassed (turbo run build --force of those packages)",
      value: coldBuild / 1000,
      note: "the runner, the dashboard's page, the site and the three functions by their packages' own builds, as before pnpm dev built them itself",
    }),
    figure({
      ...floorBase,
      name: "pnpm dev to the first 200, with its builds' records and the data folder of the last run",
      value: median(cached) / 1000,
      goal: { text: "< 1.5 s", isMet: (value) => value < 1.5 },
      note: `${cached.length} run(s): ${secondsList(cached, 1)} s`,
    }),
    figure({
      section: SECTION,
      name: "hot reload: a saved edit of services/quote/src to the new version answering",
      value: median(reloads) / 1000,
      unit: "s",
      baseline: "tsup alone on the quote service (the build a reload cannot skip)",
      baselineValue: tsup / 1000,
      goal: { text: "< 1 s", isMet: (value) => value < 1 },
      note: `${reloads.length} edit(s): ${secondsList(reloads, 2)} s; polled every ${POLL_MS} ms`,
    }),
    figure({
      ...floorBase,
      name: "pnpm build, fully cached",
      value: build / 1000,
      goal: { text: "< 1 s", isMet: (value) => value < 1 },
      note: `${settings.buildRuns} runs, median`,
    }),
    figure({
      ...floorBase,
      name: "the same, turbo alone (node_modules/.bin/turbo run build, without pnpm in front)",
      value: turboBuild / 1000,
      note: `${settings.buildRuns} runs, median: what pnpm build is without pnpm's own start`,
    }),
  ];
}

/** Each edit writes a new quote into the source; the time runs until the API answers it. */
async function hotReloads(ctx: BenchContext, repo: string, dataDir: string): Promise<number[]> {
  const file = path.join(repo, EDITED_FILE);
  const original = readFileSync(file, "utf8");
  if (!original.includes(EDITED_LINE))
    throw new Error(`${EDITED_FILE} no longer holds "${EDITED_LINE}": update the bench's edit.`);
  const dev = await startDev(repo, dataDir);
  const times: number[] = [];
  try {
    for (let run = 0; run < ctx.settings.reloadRuns; run++) {
      progress(`dev loop: hot reload ${run + 1} of ${ctx.settings.reloadRuns}`);
      const marker = `Benchmark edit ${run + 1} at ${Date.now()}.`;
      const saved = performance.now();
      writeFileSync(file, original.replace(EDITED_LINE, `return { quote: ${JSON.stringify(marker)} };`));
      let answered: number | undefined;
      while (answered === undefined && performance.now() - saved < RELOAD_MS) {
        const answer = await httpRequest(`${dev.config.api}/quote?isJedi=true`).catch(() => undefined);
        if (answer?.body.toString().includes(marker)) answered = performance.now();
        else await sleep(POLL_MS);
      }
      if (answered === undefined) throw new Error(`The edit did not answer within ${RELOAD_MS} ms.`);
      times.push(answered - saved);
      // Let the watcher settle before the next edit.
      await sleep(500);
    }
  } finally {
    writeFileSync(file, original);
    await dev.stop();
  }
  return times;
}
