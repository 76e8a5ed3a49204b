import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { freePort } from "../free-port";

/**
 * serverless-offline's HTTP path as a developer runs it: `serverless offline start` (the Serverless
 * Framework v3 CLI, which runs without a serverless.com login, with serverless-offline 13, the last major
 * for v3) in a service folder of its own whose one function is the quote service's bundle behind an HTTP
 * API route (`httpApi: GET /quote`; see NULLS_DROPPED). The plugin's defaults stand: each invocation runs
 * in a worker thread of the CLI's process, on the CLI's Node.js.
 */
export interface OfflineCli {
  /** http://127.0.0.1:<port>: the route is GET /quote, as on the local cloud's API. */
  url: string;
  /** The framework's and the plugin's versions, for the report's notes. */
  versions: string;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
/** The CLI, and the plugin under the name serverless.yml gives it (an npm alias keeps 14.x beside it). */
const SERVERLESS_BIN = path.join(
  path.dirname(require.resolve("serverless/package.json")),
  "bin",
  "serverless.js",
);
// The plugin exports no package.json: its folder is the one above its main module (src/index.js).
const PLUGIN_DIR = path.resolve(path.dirname(require.resolve("serverless-offline-13")), "..");
const version = (manifest: string) =>
  (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
const VERSIONS = `serverless ${version(require.resolve("serverless/package.json"))} CLI, serverless-offline ${version(path.join(PLUGIN_DIR, "package.json"))}`;
const READY = /Server ready: (http:\/\/\S+)/;
const START_LIMIT_MS = 60_000;

/**
 * The handler the CLI runs: the quote bundle's, given the event without its null fields. serverless-offline
 * 13 sets `pathParameters` and `body` to null where API Gateway leaves them out, and the quote contract's
 * schema rejects a null there (it answers 200 with an error body); the bundle's logic is otherwise untouched.
 */
const NULLS_DROPPED = `import { handler as quote } from "./quote.mjs";
export const handler = (event, context) =>
  quote(Object.fromEntries(Object.entries(event).filter(([, value]) => value !== null)), context);
`;

function serviceFile(httpPort: number, lambdaPort: number): string {
  return `service: holonet-bench
frameworkVersion: "3"
provider:
  name: aws
  # The CLI runs the handler on its own Node.js (the bench's, 20); v3 knows runtimes up to nodejs20.x.
  runtime: nodejs20.x
  region: us-east-1
functions:
  quote:
    handler: handler.handler
    events:
      - httpApi:
          method: GET
          path: /quote
plugins:
  - serverless-offline
custom:
  serverless-offline:
    host: 127.0.0.1
    httpPort: ${httpPort}
    lambdaPort: ${lambdaPort}
`;
}

/**
 * Writes the service folder under `dir` (the bundle, serverless.yml, node_modules/serverless-offline linked
 * to the installed plugin, which v3 loads from the service's folder) and starts the CLI; answers once it
 * says it is ready, or rejects with what it printed.
 */
export async function startOfflineCli(options: { bundle: string; dir: string }): Promise<OfflineCli> {
  const { dir } = options;
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  copyFileSync(options.bundle, path.join(dir, "quote.mjs"));
  writeFileSync(path.join(dir, "handler.mjs"), NULLS_DROPPED);
  symlinkSync(realpathSync(PLUGIN_DIR), path.join(dir, "node_modules", "serverless-offline"), "dir");
  writeFileSync(path.join(dir, "serverless.yml"), serviceFile(await freePort(), await freePort()));

  const child = spawn(process.execPath, [SERVERLESS_BIN, "offline", "start"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      // No telemetry, update notices or interactive setup: there is no network here, and nobody to answer.
      SLS_TELEMETRY_DISABLED: "1",
      SLS_NOTIFICATIONS_MODE: "off",
      SLS_INTERACTIVE_SETUP_DISABLE: "1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `serverless offline start was not ready within ${START_LIMIT_MS} ms: ${output.slice(-1500)}`,
        ),
      );
    }, START_LIMIT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = READY.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1].replace(/\/$/, ""));
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`serverless offline start ended (${signal ?? `exit ${code}`}): ${output.slice(-1500)}`),
      );
    });
  });
  // Past its start, what it prints per request is dropped: a pipe left unread would stall it.
  child.stdout?.removeAllListeners("data").resume();
  child.stderr?.removeAllListeners("data").resume();
  return { url, versions: VERSIONS, close: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
