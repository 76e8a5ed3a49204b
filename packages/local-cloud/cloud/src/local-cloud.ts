import { rmSync } from "node:fs";
import path from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import {
  API,
  bucketName,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  functionName,
  STAGES,
  type Stage,
  stageAlias,
} from "@holonet/infra/app-definition";
import { renderTemplate } from "@holonet/infra/cloudformation-template";
import { zipDirectory } from "@holonet/lambda-deploy/bundle-zip";
import { type PublishOutcome, publishFunction } from "@holonet/lambda-deploy/publish-function";
import { stackFunctionSpec } from "@holonet/lambda-deploy/stack-function-spec";
import { queryContentTypes } from "@holonet/local-auth/aws-request-guard";
import { type LocalCredentials, loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { startDashboard } from "@holonet/local-dashboard/dashboard-server";
import type { GatewayRecord } from "@holonet/local-gateway/http-api";
import { LOCAL_REGION } from "@holonet/local-s3/local-s3";
import { syncSite } from "@holonet/static-site/sync-site";
import { acquireCloudLock } from "./cloud-lock";
import { createCostMeter } from "./cost-meter";
import { dashboardSource } from "./dashboard-source";
import { type DevConfig, devConfigPath, writeDevConfig } from "./dev-config";
import { DEFAULT_PORTS, type Endpoint, stageEndpoints } from "./endpoint-ports";
import { invokeThroughLambda } from "./gateway-invoke";
import { localStacks } from "./local-stacks";
import { type LocalStage, localStage } from "./local-stage";
import { createLogStore } from "./log-store";
import { portError } from "./port-in-use";
import type { Style } from "./request-lines";
import { createRequestLog } from "./request-log";
import { BUCKET_IDS, type SharedServices, startSharedServices } from "./shared-services";
import { siteDirectory } from "./site-directory";
import { startStackEndpoint } from "./stack-endpoint";
import { createTelemetry } from "./telemetry/telemetry";

export { DEFAULT_PORTS, type Endpoint, FREE_PORTS } from "./endpoint-ports";
export { localClientConfig } from "./shared-services";

export interface LocalCloudOptions {
  /** The repository's root: services are read from there, built. */
  root: string;
  /** Where state lives: S3 objects, Lambda functions and versions, dev.json. */
  dataDir: string;
  /** Port per endpoint; 0 for any free port. FREE_PORTS gives every endpoint a free one (tests, side by side). */
  ports?: Partial<Record<Endpoint, number>>;
  /** Start empty: remove what an earlier run kept. */
  reset?: boolean;
  /** The stage pnpm dev publishes the functions and the site to (dev); the others are filled by deploys. */
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

/** What the steps of a start share: the options, the meters, and the closes of what has started so far. */
interface StartContext {
  options: LocalCloudOptions;
  ports: Record<Endpoint, number>;
  log: (line: string) => void;
  closers: (() => Promise<void>)[];
  cost: ReturnType<typeof createCostMeter>;
  telemetry: ReturnType<typeof createTelemetry>;
  requestLog: ReturnType<typeof createRequestLog> | undefined;
}

/**
 * Starts the whole system on this machine, every stage of the definition as after deploy:stack: S3 with
 * each stage's buckets, the Lambda runtime and its REST API, each stage's HTTP API and website endpoint,
 * and CloudFormation's API for the stage stacks. pnpm dev's stage (dev) gets every function published
 * through the Lambda API, with the same SDK calls a deploy to AWS makes, and its site uploaded.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log = options.log ?? (() => {});
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  // Before anything touches the folder: a cloud already running on it keeps it.
  const lock = acquireCloudLock(options.dataDir);
  const context: StartContext = {
    options,
    ports,
    log,
    closers: [],
    cost: createCostMeter(),
    telemetry: createTelemetry(),
    requestLog: options.terminal && createRequestLog({ write: log, style: options.terminal }),
  };
  const closeAll = async () => {
    for (const close of context.closers.reverse()) await close();
  };
  try {
    if (options.reset) {
      for (const part of ["s3", "lambda", "dev.json"])
        rmSync(path.join(options.dataDir, part), { recursive: true, force: true });
    }
    const credentials = loadOrCreateCredentials(options.dataDir);
    const shared = await startSharedServices({
      ...context,
      ...(options.inspect && { inspect: options.inspect }),
      dataDir: options.dataDir,
      credentials,
      logStore: createLogStore(),
    });
    const stages = await startStages(context, shared);
    const dev = await publishDevStage(context, shared, stages.stages[options.stage ?? "dev"]);
    const config = await startConsoles(context, shared, stages);
    writeDevConfig(options.dataDir, config);
    lock.update(lockedEndpoints(config));
    return {
      ...config,
      credentials,
      ...dev,
      costSummary: () => context.cost.summary(),
      close: async () => {
        try {
          await closeAll();
        } finally {
          // dev.json names this cloud's endpoints: it goes with the cloud, and so does the lock.
          rmSync(devConfigPath(options.dataDir), { force: true });
          lock.release();
        }
      },
    };
  } catch (error) {
    await closeAll().catch(() => {});
    lock.release();
    // Which endpoint could not have its port, rather than Node's bare EADDRINUSE.
    throw portError(error, ports);
  }
}

/** Where the cloud answers, by endpoint name, for the lock (and the refusal of a second cloud that names them). */
function lockedEndpoints(config: DevConfig): Record<string, string> {
  const { functions: _, stages, ...endpoints } = config;
  const stageEntries = STAGES.filter((stage) => stage !== "dev").flatMap((stage) => {
    const names = stageEndpoints(stage);
    return [
      [names.api, stages[stage].api],
      [names.web, stages[stage].web],
    ];
  });
  return { ...endpoints, ...Object.fromEntries(stageEntries) };
}

/** Every stage's resources, and their stacks, as after deploy:stack for each. */
async function startStages(context: StartContext, shared: SharedServices) {
  const invoke = invokeThroughLambda(shared.lambda);
  const functionEnvironment = {
    AWS_ENDPOINT_URL_S3: shared.s3.endpoint,
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
    // Lambda's nodejs22.x runs Node 22, where the SDK has no reason to warn about Node 20.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const stages = Object.fromEntries(
    STAGES.map((stage) => {
      const endpoints = stageEndpoints(stage);
      const resources = localStage({
        stage,
        ports: { api: context.ports[endpoints.api], web: context.ports[endpoints.web] },
        s3: shared.s3,
        s3Client: shared.s3Client,
        invoke,
        onRequest: (record) => logRequest(context, stage, record),
        throttling: context.options.throttling ?? API.throttling,
        functionEnvironment,
      });
      context.closers.push(resources.close);
      return [stage, resources];
    }),
  ) as Record<Stage, LocalStage>;
  const stacks = localStacks({ region: LOCAL_REGION, stages, template: renderTemplate });
  await stacks.createAll();
  const stackEndpoint = await startStackEndpoint({
    stacks,
    port: context.ports.cloudformation,
    auth: {
      protocol: "query",
      service: "cloudformation",
      region: LOCAL_REGION,
      keys: shared.keys,
      acceptsContentType: queryContentTypes,
    },
  });
  context.closers.push(stackEndpoint.close);
  return { stages, cloudformation: stackEndpoint.url };
}

type Stages = Awaited<ReturnType<typeof startStages>>;

function logRequest(context: StartContext, stage: Stage, record: GatewayRecord) {
  context.cost.recordApiRequest();
  context.telemetry.request(record);
  if (context.requestLog) return context.requestLog.request(record);
  // A failure's reason, which the client never sees (AWS answers them all with the same 500), is told
  // here, as an access log with $context.integrationErrorMessage tells it on AWS.
  const why = record.integrationError === undefined ? "" : `${record.integrationError}; `;
  const name = stage === "dev" ? "api" : `${stage} api`;
  context.log(
    `${name.padEnd(10)} | ${record.method} ${record.path} -> ${record.status} (${why}${record.latencyMs.toFixed(1)} ms)`,
  );
}

/** pnpm dev's stage: every function's current bundle published as its alias, and the site in its bucket. */
async function publishDevStage(context: StartContext, shared: SharedServices, stage: LocalStage) {
  const { options } = context;
  const alias = stageAlias(stage.stage);
  const publishService = (service: FunctionName) =>
    publishFunction(
      shared.lambdaClient,
      stackFunctionSpec(service, stage.stage, stage.outputs()),
      // A zip holds the code alone; the service under the debugger gets its map (docs/decisions/0009).
      zipDirectory(path.join(options.root, FUNCTIONS[service].directory, "dist"), {
        sourceMaps: options.inspect?.service === service,
      }),
      // Recorded as pnpm dev's, so that no deploy's rollback ever lands on one of these versions.
      { alias, origin: "pnpm-dev" },
    );
  const publishSite = async () => {
    await syncDevSite(shared.s3Client, options.root, stage);
  };
  // Each function and the site are their own: they are published at once, and told in their order.
  const [published] = await Promise.all([
    Promise.all(FUNCTION_NAMES.map(async (service) => [service, await publishService(service)] as const)),
    publishSite(),
  ]);
  for (const [service, outcome] of published) {
    context.log(
      `λ ${functionName(service).padEnd(18)} version ${outcome.version} as ${alias}${outcome.changed ? "" : " (unchanged)"}`,
    );
  }
  return { publishService, publishSite };
}

const syncDevSite = (client: S3Client, root: string, stage: LocalStage) =>
  syncSite({
    client,
    bucket: bucketName("web", stage.stage),
    siteDir: path.join(siteDirectory(root), "dist"),
    config: { apiUrl: stage.urls().api },
  });

/** The dashboard, and what dev.json says of where everything answers. */
async function startConsoles(
  context: StartContext,
  shared: SharedServices,
  { stages, cloudformation }: Stages,
): Promise<DevConfig> {
  const dashboard = await startDashboard({
    port: context.ports.dashboard,
    source: dashboardSource({
      telemetry: context.telemetry,
      cost: context.cost,
      lambda: shared.lambdaClient,
      s3: shared.s3Client,
      functionNames: FUNCTION_NAMES.map(functionName),
      bucketNames: STAGES.flatMap((stage) => BUCKET_IDS.map((bucket) => bucketName(bucket, stage))),
    }),
    log: context.log,
  });
  context.closers.push(dashboard.close);
  context.log(`Dashboard    ${dashboard.url}`);
  const where = (stage: Stage) => {
    const urls = stages[stage].urls();
    return { api: urls.api, web: `${urls.web}/` };
  };
  const dev = stages[context.options.stage ?? "dev"];
  const alias = stageAlias(dev.stage);
  return {
    ...where(dev.stage),
    s3: shared.s3.endpoint,
    lambda: shared.lambda.endpoint,
    cloudformation,
    logs: shared.logs.url,
    dashboard: `${dashboard.url}/`,
    functions: Object.fromEntries(
      FUNCTION_NAMES.map((service) => [service, { name: functionName(service), alias }]),
    ),
    stages: Object.fromEntries(STAGES.map((stage) => [stage, where(stage)])) as DevConfig["stages"],
  };
}
