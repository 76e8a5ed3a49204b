/**
 * `pnpm --filter @holonet/benchmarks run profile`: where the local cloud's time goes under load. CPU
 * profiles of the cloud's own process over the load alone (V8's profiler, through node:inspector), of a
 * quote and a store-get instance (through `--inspect`), and of each bundle's cold start (node --cpu-prof);
 * summed by area and by function into summary.md.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { findWorkspaceRoot } from "@holonet/cli-support/workspace-root";
import { bucketName, FUNCTION_NAMES, FUNCTIONS } from "@holonet/infra/app-definition";
import { localS3Environment, startTemporaryS3 } from "@holonet/local-s3/local-s3";
import { freePort } from "./free-port";
import { closeHttpClient, httpRequest } from "./http-client";
import { profileOverInspector } from "./inspector-profile";
import { runLoad } from "./load";
import { type CpuProfile, renderProfileSummary, summarizeProfile } from "./profile-summary";
import { progress } from "./progress";
import { timeProcess } from "./timed-process";

const TSX = import.meta.resolve("tsx");
const TARGET = new URL("./profile-target.ts", import.meta.url).pathname;

interface Target {
  api: string;
  id: string;
  /** Sends a command line and waits for its "done". */
  command(line: string): Promise<void>;
  stop(): Promise<void>;
}

async function startTarget(args: string[]): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, ["--import", TSX, TARGET, ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let waiting: ((line: string) => void) | undefined;
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let at = buffered.indexOf("\n"); at !== -1; at = buffered.indexOf("\n")) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      waiting?.(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting = resolve;
      child.once("exit", (code) => reject(new Error(`The profile target exited (${code}).`)));
    });
  const { api, id } = JSON.parse(await nextLine()) as { api: string; id: string };
  return {
    api,
    id,
    async command(line) {
      const done = nextLine();
      child.stdin?.write(`${line}\n`);
      await done;
    },
    stop: async () => {
      child.stdin?.end();
      await exited;
    },
  };
}

const readProfile = (file: string) => JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const readProfileIn = (dir: string): CpuProfile => {
  const [file] = readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`No .cpuprofile in ${dir}`);
  return readProfile(path.join(dir, file));
};

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: "string", default: "10" }, out: { type: "string" } },
  });
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const seconds = Number(values.seconds);
  const root = findWorkspaceRoot(process.cwd());
  const out = path.resolve(values.out ?? path.join(tmpdir(), `holonet-profile-${Date.now()}`));
  const tmp = mkdtempSync(path.join(tmpdir(), "holonet-profile-work-"));
  mkdirSync(out, { recursive: true });
  const sections: string[] = [`# Profiles (${new Date().toISOString()}, ${seconds} s of load each)`, ""];

  try {
    // 1. The cloud's own process (S3, the Lambda API, the gateway) under load at 10 connections, per route.
    const cloud = await startTarget([root, tmp]);
    for (const [name, route] of [
      ["quote", "/quote?isJedi=true"],
      ["store-get", `/quotes/${cloud.id}`],
    ] as const) {
      progress(`profile: the cloud's process, GET ${route} at 10 connections`);
      await runLoad({ url: `${cloud.api}${route}`, connections: 10, durationSeconds: 2 });
      const file = path.join(out, `cloud-${name}.cpuprofile`);
      await cloud.command("start");
      const result = await runLoad({
        url: `${cloud.api}${route}`,
        connections: 10,
        durationSeconds: seconds,
      });
      await cloud.command(`stop ${file}`);
      sections.push(
        renderProfileSummary(
          `The local cloud's process (gateway, Lambda API, S3) under GET ${route.replace(cloud.id, "{id}")} at 10 connections: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`,
          summarizeProfile(readProfile(file)),
        ),
      );
    }
    await cloud.stop();

    // 2. One function instance each, through the inspector (one instance at a time, so 1 connection).
    for (const [service, route] of [
      ["quote", () => "/quote?isJedi=true"],
      ["store-get", (id: string) => `/quotes/${id}`],
    ] as const) {
      progress(`profile: a ${service} instance at 1 connection`);
      const port = await freePort();
      const target = await startTarget([root, tmp, service, String(port)]);
      const url = `${target.api}${route(target.id)}`;
      await httpRequest(url);
      const profile = await profileOverInspector(port, async () => {
        await runLoad({ url, connections: 1, durationSeconds: seconds });
      });
      await target.stop();
      writeFileSync(path.join(out, `${service}-instance.cpuprofile`), JSON.stringify(profile));
      sections.push(
        renderProfileSummary(
          `A warm ${service} instance (the runner and the bundle)`,
          summarizeProfile(profile),
        ),
      );
    }

    // 3. Each bundle's cold start: a fresh process importing it and answering its smoke event.
    const s3 = await startTemporaryS3([{ name: bucketName("data", "dev") }]);
    try {
      for (const service of FUNCTION_NAMES) {
        progress(`profile: ${service}'s cold start`);
        const dir = path.join(root, FUNCTIONS[service].directory);
        const profileDir = path.join(out, `${service}-cold`);
        const script = `const m = await import(process.env.BENCH_MODULE);
const r = await m.handler(JSON.parse(process.env.BENCH_EVENT), { awsRequestId: "cold", getRemainingTimeInMillis: () => 3000 });
process.stdout.write(JSON.stringify(r) + "\\n"); process.exit(0);`;
        await timeProcess(
          process.execPath,
          ["--cpu-prof", "--cpu-prof-dir", profileDir, "--input-type=module", "-e", script],
          {
            env: {
              PATH: process.env.PATH,
              ...localS3Environment(s3.endpoint, s3.credentials.functionRole),
              DATA_BUCKET: bucketName("data", "dev"),
              AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
              BENCH_MODULE: pathToFileURL(path.join(dir, "dist", "handler.mjs")).href,
              BENCH_EVENT: readFileSync(path.join(dir, FUNCTIONS[service].smokeEvent), "utf8"),
            },
            until: "exit",
            timeoutMs: 30_000,
          },
        );
        sections.push(
          renderProfileSummary(
            `${service}: cold start (import and first answer)`,
            summarizeProfile(readProfileIn(profileDir), 12),
          ),
        );
      }
    } finally {
      await s3.close();
    }
    writeFileSync(path.join(out, "summary.md"), sections.join("\n"));
    console.log(sections.join("\n"));
    console.log(`\nProfiles and summary.md in ${out}`);
  } finally {
    closeHttpClient();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`profile: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
