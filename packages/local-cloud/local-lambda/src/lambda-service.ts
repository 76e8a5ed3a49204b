import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type AwsEndpoint, lambdaContentTypes } from "@holonet/local-auth/aws-request-guard";
import { keyRingOf, type LocalCredentials, roleEnvironment } from "@holonet/local-auth/local-credentials";
import { presignUrl } from "@holonet/local-auth/signature-v4";
import type { OperationsContext } from "./function-operations";
import { openFunctionStore } from "./function-store";
import { createInstancePool } from "./instance-pool";
import { type IntegrationRequest, type InvocationOutcome, invokeForOutcome } from "./invocation-outcome";
import type { ExecutionRef, InvocationRecord, LogEntry } from "./invocation-records";
import { type InvokeContext, invokeFunction } from "./invoke-function";
import type { InvokeRequest, InvokeResult } from "./invoke-request";
import { lambdaApiHandler } from "./lambda-api";

// The types of the service's options and of its invokes live in modules of their own, which the service's
// internals import; the service's users know them from here.
export type { IntegrationRequest, InvocationOutcome } from "./invocation-outcome";
export type { ExecutionRef, InvocationRecord, LogEntry } from "./invocation-records";
export type { InvokeRequest, InvokeResult, SerializedEvent } from "./invoke-request";

export interface LambdaServiceOptions {
  /** Persistent state: functions, versions, aliases and their unzipped code; survives restarts. */
  dataDir: string;
  /** The only credentials the API accepts; the functions run with the role's. */
  credentials: LocalCredentials;
  /** 0 = any free port; the service listens on 127.0.0.1 only. */
  port?: number;
  /** Default "us-east-1"; the account id is always 000000000000. */
  region?: string;
  /** Default 100 parallel executions across all functions. */
  accountConcurrency?: number;
  /** Instances of this function open the Node inspector (one instance at a time then). */
  inspect?: { functionName: string; port: number };
  /** Every log line, START/END/REPORT included. */
  onLog?: (entry: LogEntry) => void;
  /** Once per execution, after its logs. */
  onInvocation?: (record: InvocationRecord) => void;
  /** An execution began on an instance: it counts toward concurrency until its onInvocation. */
  onInvocationStart?: (execution: ExecutionRef) => void;
  /** An invocation refused with 429 for want of concurrency (Lambda's Throttles metric). */
  onThrottle?: (execution: ExecutionRef) => void;
  /** The waits before each retry of a failed Event invocation: Lambda's 1 and 2 minutes unless given. */
  eventRetryDelaysMs?: readonly number[];
  /**
   * Node's module compile cache for the instances (Node >= 22), in `<dataDir>/compile-cache/<runtime>`: a
   * cold start after the first of a bundle skips compiling it. On by default; a cold start then reports a
   * shorter Init Duration than AWS's very first one would (docs/decisions/0013-lean-invocation-path.md), so a
   * test that measures the first cold start itself turns it off.
   */
  compileCache?: boolean;
}

export interface LambdaService {
  /** http://127.0.0.1:<port>, for AWS_ENDPOINT_URL_LAMBDA or the SDK's `endpoint`. */
  endpoint: string;
  /** Invoke, as the API's Invoke; throws errors with Lambda's `name` and `status`. */
  invoke(request: InvokeRequest): Promise<InvokeResult>;
  /**
   * A synchronous invoke that answers the Lambda API's refusals as outcomes instead of throwing them, for
   * API Gateway's Lambda integration; it rejects only on a fault of the service itself.
   */
  invokeForIntegration(request: IntegrationRequest): Promise<InvocationOutcome>;
  close(): Promise<void>;
}

/** GetFunction's download link lives 10 minutes, as on AWS. */
const CODE_LOCATION_SECONDS = 600;

/** Lambda reclaims a sandbox after some minutes without work. */
const IDLE_INSTANCE_MS = 5 * 60_000;

/** Starts the local Lambda service: its REST API on 127.0.0.1 and the instances that run the functions. */
export async function startLambdaService(options: LambdaServiceOptions): Promise<LambdaService> {
  const region = options.region ?? "us-east-1";
  const accountConcurrency = options.accountConcurrency ?? 100;
  const store = openFunctionStore(options.dataDir);
  const pool = createInstancePool({
    accountConcurrency,
    idleTimeoutMs: IDLE_INSTANCE_MS,
    ...(options.compileCache !== false && { compileCacheRoot: path.join(options.dataDir, "compile-cache") }),
    ...(options.inspect && { inspect: options.inspect }),
  });
  const background = new Set<Promise<void>>();
  let closing = false;
  let endpoint = "";
  const scope = { service: "lambda", region };
  const operations: OperationsContext = {
    store,
    region,
    codeLocation: (name, key) =>
      presignUrl(
        `${endpoint}/_local/code/${encodeURIComponent(name)}/${key}.zip`,
        options.credentials.developer,
        scope,
        CODE_LOCATION_SECONDS,
      ),
    retire: (name, version) => pool.retire(name, version),
  };
  // Settled once: every invocation shares it.
  const invokeContext: InvokeContext = {
    store,
    region,
    pool,
    roleEnvironment: roleEnvironment(options.credentials),
    background,
    isClosing: () => closing,
    ...(options.onLog && { onLog: options.onLog }),
    ...(options.onInvocation && { onInvocation: options.onInvocation }),
    ...(options.onInvocationStart && { onInvocationStart: options.onInvocationStart }),
    ...(options.onThrottle && { onThrottle: options.onThrottle }),
    ...(options.eventRetryDelaysMs && { eventRetryDelaysMs: options.eventRetryDelaysMs }),
  };
  const invoke = (request: InvokeRequest) => invokeFunction(invokeContext, request);
  const auth: AwsEndpoint = {
    protocol: "rest-json",
    ...scope,
    keys: keyRingOf(options.credentials),
    acceptsContentType: lambdaContentTypes,
  };
  const server = createServer(lambdaApiHandler({ ...operations, accountConcurrency, invoke, auth }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    invoke,
    invokeForIntegration: (request) => invokeForOutcome(invoke, request),
    async close() {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // Closing the instances ends the invocations still running, background ones included.
      await pool.close();
      await Promise.all([...background]);
      await stopped;
    },
  };
}
