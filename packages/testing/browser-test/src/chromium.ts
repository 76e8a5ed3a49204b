import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Where Debian and Ubuntu put Chromium; CHROMIUM_PATH, when set, is tried first. */
export const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * Without these a fresh Chromium reaches for Google's servers (updates, sync, field trials, QUIC probes)
 * and stalls on a machine that cannot reach them; tests must only talk to 127.0.0.1.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.CHROMIUM_PATH ? [env.CHROMIUM_PATH, ...CHROMIUM_PATHS] : CHROMIUM_PATHS;
}

/** The first Chromium that exists, or undefined. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
): string | undefined {
  return chromiumCandidates(env).find((candidate) => exists(candidate));
}

export type BrowserTestPlan = { run: true; executablePath: string } | { run: false; reason: string };

/**
 * Whether browser tests run here. A developer without Chromium gets a skip that says why; in CI
 * (CI=true) a missing Chromium is an error, so that the tests cannot silently stop running.
 */
export function browserTestPlan(
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
): BrowserTestPlan {
  const executablePath = findChromium(env, exists);
  if (executablePath) return { run: true, executablePath };
  const reason = `browser tests skipped: no Chromium found at ${chromiumCandidates(env).join(", ")}; install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`;
  if (env.CI === "true") throw new Error(`CI=true and ${reason.replace("browser tests skipped: ", "")}`);
  return { run: false, reason };
}

/**
 * Skips the running test when Chromium is missing, printing the reason once: a skip in a report is easy
 * to miss, and a developer should know the browser tests did not run.
 */
export function skipWithoutChromium(
  context: { skip: (note: string) => never },
  plan: BrowserTestPlan,
): asserts plan is Extract<BrowserTestPlan, { run: true }> {
  if (plan.run) return;
  console.warn(plan.reason);
  context.skip(plan.reason);
}

export interface LaunchedChromium {
  context: BrowserContext;
  executablePath: string;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile in a temporary folder. */
export async function launchChromium(options: { executablePath?: string } = {}): Promise<LaunchedChromium> {
  const executablePath = options.executablePath ?? findChromium();
  if (!executablePath) throw new Error(`No Chromium found at ${chromiumCandidates().join(", ")}`);
  const userDataDir = await mkdtemp(path.join(tmpdir(), "holonet-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1000, height: 900 },
      timeout: 30_000,
    });
    return {
      context,
      executablePath,
      close: async () => {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
