import path from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import {
  ACCOUNT_CONCURRENCY,
  BUCKETS,
  type BucketId,
  bucketName,
  type FunctionName,
  functionName,
  STAGES,
} from "@holonet/infra/app-definition";
import { json11ContentTypes } from "@holonet/local-auth/aws-request-guard";
import { keyRingOf, type LocalCredentials } from "@holonet/local-auth/local-credentials";
import { startLambdaService } from "@holonet/local-lambda/lambda-service";
import { LOCAL_REGION, localS3ClientConfig, startLocalS3 } from "@holonet/local-s3/local-s3";
import type { CostMeter } from "./cost-meter";
import type { Endpoint } from "./endpoint-ports";
import type { LogStore } from "./log-store";
import { startLogsEndpoint } from "./logs-endpoint";
import type { RequestLog } from "./request-log";
import type { Telemetry } from "./telemetry/telemetry";

export const BUCKET_IDS = Object.keys(BUCKETS) as BucketId[];

/**
 * An AWS SDK client's settings for one of the local cloud's endpoints, as the developer:
 * `new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials))`.
 */
export const localClientConfig = (endpoint: string, credentials: LocalCredentials) => ({
  endpoint,
  region: LOCAL_REGION,
  credentials: credentials.developer,
});

export interface SharedServiceOptions {
  dataDir: string;
  ports: Record<Endpoint, number>;
  credentials: LocalCredentials;
  logStore: LogStore;
  telemetry: Telemetry;
  cost: CostMeter;
  requestLog: RequestLog | undefined;
  inspect?: { service: FunctionName; port: number };
  log: (line: string) => void;
  /** Where each started service's close goes, so that a failure further on still stops it. */
  closers: (() => Promise<void>)[];
}

/**
 * What every stage shares, as in one AWS account and region: S3 (every stage's buckets, made as after
 * deploy:stack; the retained ones persist in the data folder anyway), CloudWatch Logs and Lambda, whose
 * functions serve every stage through their aliases.
 */
export async function startSharedServices(options: SharedServiceOptions) {
  const { ports, credentials, closers, log } = options;
  const keys = keyRingOf(credentials);
  const s3 = await startLocalS3({
    directory: path.join(options.dataDir, "s3"),
    port: ports.s3,
    credentials,
    buckets: STAGES.flatMap((stage) =>
      BUCKET_IDS.map((bucket) => ({
        name: bucketName(bucket, stage),
        ...(BUCKETS[bucket].website && { website: BUCKETS[bucket].website }),
      })),
    ),
  });
  closers.push(s3.close);
  log(`S3           ${s3.endpoint}`);

  // Every function's log lines, as CloudWatch Logs keeps them on AWS, for `pnpm logs` and the SDK.
  const logs = await startLogsEndpoint({
    store: options.logStore,
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

  const lambda = await startLambda(options);
  const lambdaClient = new LambdaClient(localClientConfig(lambda.endpoint, credentials));
  closers.push(async () => lambdaClient.destroy());
  const s3Client = new S3Client(localS3ClientConfig(s3));
  closers.push(async () => s3Client.destroy());
  return { s3, logs, lambda, lambdaClient, s3Client, keys };
}

async function startLambda(options: SharedServiceOptions) {
  const { telemetry, cost, requestLog, log } = options;
  const inspectName = options.inspect && functionName(options.inspect.service);
  const lambda = await startLambdaService({
    dataDir: path.join(options.dataDir, "lambda"),
    port: options.ports.lambda,
    credentials: options.credentials,
    region: LOCAL_REGION,
    accountConcurrency: ACCOUNT_CONCURRENCY,
    ...(options.inspect &&
      inspectName && { inspect: { functionName: inspectName, port: options.inspect.port } }),
    onLog: (entry) => {
      options.logStore.append(entry);
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
  options.closers.push(async () => requestLog?.flush());
  options.closers.push(lambda.close);
  log(`Lambda API   ${lambda.endpoint}`);
  return lambda;
}

export type SharedServices = Awaited<ReturnType<typeof startSharedServices>>;
