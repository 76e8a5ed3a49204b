import { rmSync } from "node:fs";
import path from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import {
  ACCOUNT_CONCURRENCY,
  API,
  BUCKETS,
  bucketName,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  functionName,
  ROUTES,
  type Stage,
  stageAlias,
} from "@holonet/infra/app-definition";
import { functionRoleName, stackName } from "@holonet/infra/stack-names";
import { roleOutputKey } from "@holonet/infra/stack-outputs";
import { zipDirectory } from "@holonet/lambda-deploy/bundle-zip";
import { type PublishOutcome, publishFunction } from "@holonet/lambda-deploy/publish-function";
import { stackFunctionSpec } from "@holonet/lambda-deploy/stack-function-spec";
import { json11ContentTypes, queryContentTypes } from "@holonet/local-auth/aws-request-guard";
import {
  keyRingOf,
  type LocalCredentials,
  loadOrCreateCredentials,
} from "@holonet/local-auth/local-credentials";
import { startDashboard } from "@holonet/local-dashboard/dashboard-server";
import { startHttpApi } from "@holonet/local-gateway/http-api";
import { startLambdaService } from "@holonet/local-lambda/lambda-service";
import { LOCAL_REGION, localS3ClientConfig, startLocalS3 } from "@holonet/local-s3/local-s3";
import { syncSite } from "@holonet/static-site/sync-site";
import { acquireCloudLock } from "./cloud-lock";
import { createCostMeter } from "./cost-meter";
import { dashboardSource } from "./dashboard-source";
import { type DevConfig, devConfigPath, writeDevConfig } from "./dev-config";
import { DEFAULT_PORTS, type Endpoint } from "./endpoint-ports";
import { createLogStore } from "./log-store";
import { startLogsEndpoint } from "./logs-endpoint";
import { portError } from "./port-in-use";
import type { Style } from "./request-lines";
import { createRequestLog } from "./request-log";
import { startStackEndpoint } from "./stack-endpoint";
import { createTelemetry } from "./telemetry/telemetry";
import { startWebsiteEndpoint } from "./website-endpoint";

export { DEFAULT_PORTS, type Endpoint, FREE_PORTS } from "./endpoint-ports";

export interface LocalCloudOptions {
  /** The repository's root: services are read from there, built. */
  root: string;
  /** Where state lives: S3 objects, Lambda functions and versions, dev.json. */
  dataDir: string;
  /** Port per endpoint; 0 for any free port. FREE_PORTS gives every endpoint a free one (tests, side by side). */
  ports?: Partial<Record<Endpoint, number>>;
  /** Start empty: remove what an earlier run kept. */
  reset?: boolean;
  stage?: Stage;
  /** Open the Node inspector on this function's instances. */
  inspect?: { service: FunctionName; port: number };
  log?: (line: string) => void;
  /**
   * Log the traffic for a person: one line per API request with its function's log lines under it. Without
   * it, every line as Lambda and the API write them (START/END/REPORT included).
   */
  terminal?: Style;
  /** Overrides the API's throttling from the definition, for tests that need more (or less) headroom. */
  throttling?: { rateLimit: number; burstLimit: number };
}

export interface LocalCloud extends DevConfig {
  /** The credentials its AWS endpoints accept (credentials.json in the data folder). */
  credentials: LocalCredentials;
  /** Builds nothing: publishes the service's current bundle as a new version and moves the stage alias. */
  publishService(service: FunctionName): Promise<PublishOutcome>;
  /** Uploads the built website again. */
  publishSite(): Promise<void>;
  costSummary(): string[];
  close(): Promise<void>;
}

const BUCKET_IDS = Object.keys(BUCKETS) as (keyof typeof BUCKETS)[];

/** Locally every function gets a role ARN of its own, named as the stage's stack names it on AWS. */
const localRole = (service: FunctionName, stage: Stage) =>
  `arn:aws:iam::000000000000:role/${functionRoleName(service, stage)}`;

/**
 * An AWS SDK client's settings for one of the local cloud's endpoints, as the developer:
 * `new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials))`.
 */
export const localClientConfig = (endpoint: string, credentials: LocalCredentials) => ({
  endpoint,
  region: LOCAL_REGION,
  credentials: credentials.developer,
});

/**
 * Starts the whole system on this machine: S3 with the data and web buckets, the Lambda runtime and its
 * REST API, every function published through that API with the same SDK calls a deploy to AWS makes, the
 * HTTP API in front of them, and the website in its bucket behind a website endpoint.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log = options.log ?? (() => {});
  const stage = options.stage ?? "dev";
  const alias = stageAlias(stage);
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  // Before anything touches the folder: a cloud already running on it keeps it.
  const lock = acquireCloudLock(options.dataDir);
  const closers: (() => Promise<void>)[] = [];
  const cost = createCostMeter();
  const telemetry = createTelemetry();
  const requestLog = options.terminal && createRequestLog({ write: log, style: options.terminal });

  try {
    if (options.reset) {
      for (const part of ["s3", "lambda", "dev.json"])
        rmSync(path.join(options.dataDir, part), { recursive: true, force: true });
    }
    const credentials = loadOrCreateCredentials(options.dataDir);
    const keys = keyRingOf(credentials);
    const s3 = await startLocalS3({
      directory: path.join(options.dataDir, "s3"),
      port: ports.s3,
      credentials,
      buckets: BUCKET_IDS.map((bucket) => ({
        name: bucketName(bucket, stage),
        ...(BUCKETS[bucket].website && { website: BUCKETS[bucket].website }),
      })),
    });
    closers.push(s3.close);
    log(`S3           ${s3.endpoint}`);

    // Every function's log lines, as CloudWatch Logs keeps them on AWS, for `pnpm logs` and the SDK.
    const logStore = createLogStore();
    const logs = await startLogsEndpoint({
      store: logStore,
      region: LOCAL_REGION,
      port: ports.logs,
      auth: {
        protocol: "json-1.1",
        service: "logs",
        region: LOCAL_REGION,
        keys,
        acceptsContentType: json11ContentTypes,
      },
    });
    closers.push(logs.close);
    log(`Logs         ${logs.url}`);

    const inspectName = options.inspect && functionName(options.inspect.service);
    const lambda = await startLambdaService({
      dataDir: path.join(options.dataDir, "lambda"),
      port: ports.lambda,
      credentials,
      region: LOCAL_REGION,
      accountConcurrency: ACCOUNT_CONCURRENCY,
      ...(options.inspect &&
        inspectName && { inspect: { functionName: inspectName, port: options.inspect.port } }),
      onLog: (entry) => {
        logStore.append(entry);
        telemetry.log(entry);
        if (requestLog) requestLog.functionLog(entry);
        else log(`${entry.functionName.replace(/^holonet-/, "").padEnd(10)} | ${entry.text}`);
      },
      onInvocation: (record) => {
        cost.recordInvocation(record);
        telemetry.finished(record);
        requestLog?.invocation(record);
      },
      onInvocationStart: (execution) => telemetry.started(execution),
      onThrottle: (execution) => telemetry.throttled(execution),
    });
    // After the functions' last invocations (closers run last first): what waits for its request is printed.
    closers.push(async () => requestLog?.flush());
    closers.push(lambda.close);
    log(`Lambda API   ${lambda.endpoint}`);

    const lambdaClient = new LambdaClient(localClientConfig(lambda.endpoint, credentials));
    closers.push(async () => lambdaClient.destroy());
    // The functions' credentials are their role's, which the Lambda service hands every instance.
    const s3Environment = {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
      // Lambda's nodejs22.x runs Node 22, where the SDK has no reason to warn about Node 20.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };

    // The stage's stack outputs, as CloudFormation holds them on AWS; the API's and the site's URLs join
    // them once those run. Functions are published from them exactly as the deploy script does.
    const stackOutputs: Record<string, string> = {
      DataBucketName: bucketName("data", stage),
      WebBucketName: bucketName("web", stage),
      ...Object.fromEntries(
        FUNCTION_NAMES.map((service) => [roleOutputKey(service), localRole(service, stage)]),
      ),
      FunctionEnvironment: JSON.stringify(s3Environment),
    };
    const publishService = (service: FunctionName) =>
      publishFunction(
        lambdaClient,
        stackFunctionSpec(service, stage, stackOutputs),
        // A zip holds the code alone; the service under the debugger gets its map (docs/decisions/0009).
        zipDirectory(path.join(options.root, FUNCTIONS[service].directory, "dist"), {
          sourceMaps: options.inspect?.service === service,
        }),
        // Recorded as pnpm dev's, so that no deploy's rollback ever lands on one of these versions.
        { alias, origin: "pnpm-dev" },
      );
    for (const service of FUNCTION_NAMES) {
      const outcome = await publishService(service);
      log(
        `λ ${functionName(service).padEnd(18)} version ${outcome.version} as ${alias}${outcome.changed ? "" : " (unchanged)"}`,
      );
    }

    const web = await startWebsiteEndpoint({
      serveBucket: s3.websiteHandler(bucketName("web", stage)),
      port: ports.web,
    });
    closers.push(web.close);

    const api = await startHttpApi({
      port: ports.api,
      routes: ROUTES.map((route) => ({
        method: route.method,
        path: route.path,
        target: { functionName: functionName(route.function), qualifier: alias },
      })),
      cors: { ...API.cors, allowOrigins: [web.url] },
      throttling: options.throttling ?? API.throttling,
      payloadLimitBytes: API.payloadLimitBytes,
      integrationTimeoutSeconds: API.integrationTimeoutSeconds,
      region: LOCAL_REGION,
      invoke: async (target, event, { traceHeader }) => {
        try {
          const result = await lambda.invoke({
            functionName: target.functionName,
            qualifier: target.qualifier,
            payload: event,
            traceHeader,
          });
          return result.functionError
            ? { kind: "function-error", payload: result.payload }
            : { kind: "answered", payload: result.payload };
        } catch (error) {
          // The Lambda API's refusals, thrown with its error type as `name` and a throttle's Reason.
          const refusal = error as { name?: unknown; status?: unknown; reason?: unknown };
          if (typeof refusal.name !== "string" || typeof refusal.status !== "number") throw error;
          if (refusal.name !== "TooManyRequestsException")
            return { kind: "refused", errorType: refusal.name };
          return {
            kind: "throttled",
            reason: typeof refusal.reason === "string" ? refusal.reason : "Rate Exceeded.",
          };
        }
      },
      onRequest: (record) => {
        cost.recordApiRequest();
        telemetry.request(record);
        if (requestLog) return requestLog.request(record);
        // A failure's reason, which the client never sees (AWS answers them all with the same 500), is told
        // here, as an access log with $context.integrationErrorMessage tells it on AWS.
        const why = record.integrationError === undefined ? "" : `${record.integrationError}; `;
        log(
          `api        | ${record.method} ${record.path} -> ${record.status} (${why}${record.latencyMs.toFixed(1)} ms)`,
        );
      },
    });
    closers.push(api.close);

    const s3Client = new S3Client(localS3ClientConfig(s3));
    closers.push(async () => s3Client.destroy());
    const publishSite = async () => {
      await syncSite({
        client: s3Client,
        bucket: bucketName("web", stage),
        siteDir: path.join(options.root, "services", "web", "dist"),
        config: { apiUrl: api.url },
      });
    };
    await publishSite();

    stackOutputs.ApiUrl = api.url;
    stackOutputs.WebsiteUrl = `${web.url}/`;
    const stack = await startStackEndpoint({
      port: ports.cloudformation,
      region: LOCAL_REGION,
      stack: () => ({ name: stackName(stage), outputs: stackOutputs }),
      auth: {
        protocol: "query",
        service: "cloudformation",
        region: LOCAL_REGION,
        keys,
        acceptsContentType: queryContentTypes,
      },
    });
    closers.push(stack.close);

    const dashboard = await startDashboard({
      port: ports.dashboard,
      source: dashboardSource({
        telemetry,
        cost,
        lambda: lambdaClient,
        s3: s3Client,
        functionNames: FUNCTION_NAMES.map(functionName),
        bucketNames: BUCKET_IDS.map((bucket) => bucketName(bucket, stage)),
      }),
      log,
    });
    closers.push(dashboard.close);
    log(`Dashboard    ${dashboard.url}`);

    const functions = Object.fromEntries(
      FUNCTION_NAMES.map((service) => [service, { name: functionName(service), alias }]),
    );
    const config: DevConfig = {
      api: api.url,
      web: `${web.url}/`,
      s3: s3.endpoint,
      lambda: lambda.endpoint,
      cloudformation: stack.url,
      logs: logs.url,
      dashboard: `${dashboard.url}/`,
      functions,
    };
    writeDevConfig(options.dataDir, config);
    const { functions: _, ...endpoints } = config;
    lock.update(endpoints);

    return {
      ...config,
      credentials,
      publishService,
      publishSite,
      costSummary: () => cost.summary(),
      close: async () => {
        try {
          for (const close of closers.reverse()) await close();
        } finally {
          // dev.json names this cloud's endpoints: it goes with the cloud, and so does the lock.
          rmSync(devConfigPath(options.dataDir), { force: true });
          lock.release();
        }
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => {});
    lock.release();
    // Which endpoint could not have its port, rather than Node's bare EADDRINUSE.
    throw portError(error, ports);
  }
}
