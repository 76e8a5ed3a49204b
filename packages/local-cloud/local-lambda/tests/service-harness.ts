import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  InvokeCommand,
  type InvokeCommandOutput,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { newLocalCredentials } from "@holonet/local-auth/local-credentials";
import { strToU8, zipSync } from "fflate";
import {
  type ExecutionRef,
  type InvocationRecord,
  type LambdaServiceOptions,
  type LogEntry,
  startLambdaService,
} from "../src/lambda-service";

const fixtures = path.join(import.meta.dirname, "fixtures");

// The SDK warns once per process that its 2027 releases need Node 22; it says nothing about these tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

function filesUnder(dir: string, prefix = ""): Record<string, Uint8Array> {
  return Object.fromEntries(
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory()
        ? Object.entries(filesUnder(full, `${prefix}${name}/`))
        : [[`${prefix}${name}`, readFileSync(full)]];
    }),
  );
}

/** A deployment package made from a fixture folder, plus extra files (path -> text). */
export function zipFixture(name: string, extra: Record<string, string> = {}): Uint8Array {
  const added = Object.fromEntries(Object.entries(extra).map(([file, text]) => [file, strToU8(text)]));
  return zipSync({ ...filesUnder(path.join(fixtures, name)), ...added });
}

/** The seed's callback handler with its dependency in node_modules, as its zip would ship it. */
export const seedZip = () =>
  zipSync({
    ...filesUnder(path.join(fixtures, "seed-callback")),
    ...filesUnder(path.join(fixtures, "starwars-package"), "node_modules/starwars/"),
  });

export const ROLE = "arn:aws:iam::000000000000:role/lambda-role";

export const functionInput = (
  name: string,
  zip: Uint8Array,
  overrides: Partial<CreateFunctionCommandInput> = {},
): CreateFunctionCommandInput => ({
  FunctionName: name,
  Runtime: "nodejs22.x",
  Role: ROLE,
  Handler: "index.handler",
  Code: { ZipFile: zip },
  // Room for a cold start on a loaded machine; the timeout tests set their own.
  Timeout: 10,
  MemorySize: 128,
  ...overrides,
});

export const payloadOf = (output: InvokeCommandOutput) =>
  JSON.parse(new TextDecoder().decode(output.Payload)) as Record<string, unknown>;

export const logsOf = (output: InvokeCommandOutput) =>
  Buffer.from(output.LogResult ?? "", "base64").toString("utf8");

/** The service on a fresh (or given) data directory, and an unmodified SDK client pointed at it. */
export async function startHarness(options: Partial<LambdaServiceOptions> = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "holonet-local-lambda-"));
  const logs: LogEntry[] = [];
  const invocations: InvocationRecord[] = [];
  const started: ExecutionRef[] = [];
  const throttles: ExecutionRef[] = [];
  const credentials = options.credentials ?? newLocalCredentials();
  const service = await startLambdaService({
    ...options,
    dataDir,
    credentials,
    onLog: (entry) => logs.push(entry),
    onInvocation: (record) => invocations.push(record),
    onInvocationStart: (execution) => started.push(execution),
    onThrottle: (execution) => throttles.push(execution),
  });
  const client = new LambdaClient({
    endpoint: service.endpoint,
    region: "us-east-1",
    credentials: credentials.developer,
    maxAttempts: 1,
  });
  return {
    service,
    credentials,
    client,
    dataDir,
    logs,
    invocations,
    started,
    throttles,
    create: (name: string, zip: Uint8Array, overrides: Partial<CreateFunctionCommandInput> = {}) =>
      client.send(new CreateFunctionCommand(functionInput(name, zip, overrides))),
    async close(keepData = false) {
      client.destroy();
      await service.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

let busyCount = 0;

/**
 * Starts an invocation of the echo fixture that stays busy for a while, and resolves once it is running
 * (the handler writes a file), with the invocation's own promise.
 */
export async function startBusyInvocation(
  harness: Harness,
  functionName: string,
  sleepMs = 3000,
): Promise<{ done: Promise<InvokeCommandOutput> }> {
  busyCount += 1;
  const startedFile = path.join(harness.dataDir, `started-${busyCount}`);
  const done = harness.client.send(
    new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify({ sleepMs, startedFile }) }),
  );
  done.catch(() => {});
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    if (existsSync(startedFile)) return { done };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`The invocation of ${functionName} did not start within 10 s.`);
}
