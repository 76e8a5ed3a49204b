import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
  for (let run = 0; run < settings.devColdRuns; run++) {
    progress(`dev loop: pnpm dev, cold (turbo's cache bypassed), run ${run + 1} of ${settings.devColdRuns}`);
    const dev = await startDev(repo, mkdtempSync(path.join(ctx.tmp, "dev-cold-")), { TURBO_FORCE: "true" });
    cold.push(dev.firstOkMs);
    await dev.stop();
  }
  // What a cold start must build anyway: the same packages through turbo, its cache bypassed.
  const packages = [
    "@holonet/lambda-runtime",
    "@holonet/web",
    "@holonet/quote",
    "@holonet/store-save",
    "@holonet/store-get",
  ];
  progress("dev loop: the same builds alone, turbo's cache bypassed");
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
  // Untimed: fills the data folder and turbo's cache, as a developer's second start finds them.
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

  return [
    figure({
      ...floorBase,
      name: "pnpm dev to the first 200, cold (TURBO_FORCE, empty data folder)",
      value: median(cold) / 1000,
      goal: { text: "< 3 s", isMet: (value) => value < 3 },
      note: `${cold.length} run(s): ${secondsList(cold, 1)} s`,
    }),
    figure({
      ...floorBase,
      name: "the builds a cold pnpm dev runs, alone (turbo run build --force of the same packages)",
      value: coldBuild / 1000,
      note: "what a cold start cannot do without: its part of the cold figure above",
    }),
    figure({
      ...floorBase,
      name: "pnpm dev to the first 200, with turbo's cache and the data folder of the last run",
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
