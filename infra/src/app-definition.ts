import { FUNCTION_NAMES, type FunctionName } from "@holonet/contracts/functions";
import { ROUTES } from "@holonet/contracts/routes";
import { DATA_PREFIX } from "@holonet/quote-store/quote-keys";
import type { StoreOperation } from "@holonet/quote-store/s3-quote-store";

/**
 * The one definition of the Holonet application. The local invoke tool, the local cloud, the deploy scripts,
 * the docs and the CloudFormation template all read it; nothing restates it.
 */
export const APP_NAME = "holonet";

/**
 * Lambda's runtime for every function. Locally each instance runs on this runtime's Node.js major too
 * (@holonet/node-builds), and the bundles target it (@holonet/bundle-config; app-definition.test.ts checks).
 */
export const RUNTIME = "nodejs24.x" as const;

export const STAGES = ["dev", "ci", "prod"] as const;
export type Stage = (typeof STAGES)[number];

export type BucketId = "data" | "web";

export const BUCKETS: Record<BucketId, { description: string; website?: { indexDocument: string } }> = {
  data: { description: "Saved quotes, one JSON object each under quotes/. Private." },
  web: {
    description: "The static website, served by the S3 website endpoint.",
    website: { indexDocument: "index.html" },
  },
};

/** What a function may do to a bucket: the IAM policy and the architecture diagram are drawn from this. */
export interface BucketAccess {
  bucket: BucketId;
  prefix: string;
  actions: readonly ("read" | "list" | "write")[];
}

export interface FunctionDefinition {
  /** The workspace package that builds it; its bundle is `<directory>/dist/handler.mjs`. */
  packageName: string;
  directory: string;
  description: string;
  /** Lambda's handler string: file.export. */
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Environment variables; a `{ bucket }` value becomes that bucket's name in the stage. */
  environment: Record<string, string | { bucket: BucketId }>;
  uses: readonly BucketAccess[];
  /**
   * The functions this one invokes downstream. The hop rule (infra/tests/hop-rule.test.ts) walks it: no
   * request may pass through more than 3 hops from the client to a data store.
   */
  calls: readonly FunctionName[];
  /** The sample event (under the service's folder) a deploy invokes the new version with before it counts. */
  smokeEvent: string;
  /**
   * Parallel executions kept for this function alone, and its ceiling: beyond them Lambda throttles it, which
   * a client of the HTTP API sees only as a 500 (services-apigateway-errors.html), so a ceiling must sit above
   * anything the site's ordinary use asks for. AWS reserves only what leaves 100 executions unreserved
   * (https://docs.aws.amazon.com/lambda/latest/dg/API_PutFunctionConcurrency.html).
   */
  reservedConcurrency?: number;
}

export const FUNCTIONS: Record<FunctionName, FunctionDefinition> = {
  quote: {
    packageName: "@holonet/quote",
    directory: "services/quote",
    smokeEvent: "events/direct-jedi.json",
    description: "A random Star Wars quote for a Jedi.",
    handler: "handler.handler",
    memoryMb: 128,
    timeoutSeconds: 3,
    environment: {},
    uses: [],
    calls: [],
  },
  "store-save": {
    packageName: "@holonet/store-save",
    directory: "services/store-save",
    smokeEvent: "events/direct-save.json",
    description: "Saves a quote to the data bucket.",
    handler: "handler.handler",
    memoryMb: 256,
    timeoutSeconds: 10,
    environment: { DATA_BUCKET: { bucket: "data" } },
    uses: [{ bucket: "data", prefix: DATA_PREFIX, actions: ["write"] }],
    calls: [],
    // No reservation: in an account of ACCOUNT_CONCURRENCY (100) AWS refuses any (100 must stay unreserved),
    // and saves need no cap of their own. The API's throttling (429, safe to retry) bounds what arrives.
  },
  "store-get": {
    packageName: "@holonet/store-get",
    directory: "services/store-get",
    smokeEvent: "events/direct-list.json",
    description: "Reads saved quotes back, one or a page at a time.",
    handler: "handler.handler",
    memoryMb: 256,
    timeoutSeconds: 10,
    environment: { DATA_BUCKET: { bucket: "data" } },
    uses: [{ bucket: "data", prefix: DATA_PREFIX, actions: ["read", "list"] }],
    calls: [],
  },
};

export { FUNCTION_NAMES, type FunctionName, ROUTES };

/**
 * What each route's function does with the quote store, by route key (none for GET /quote): the diagrams draw that operation's S3
 * calls (STORE_S3_CALLS, which the store's tests hold it to), where `uses` says only what its role allows.
 */
export const ROUTE_STORE_OPERATIONS: Readonly<Record<string, StoreOperation>> = {
  "POST /quotes": "put",
  "GET /quotes/{id}": "get",
  "GET /quotes": "list",
};

/** Lambda's default limit on parallel executions in an account (the architecture's notes say 100). */
export const ACCOUNT_CONCURRENCY = 100;

/**
 * The HTTP API. Each stage is its own API with API Gateway's `$default` stage, so paths carry no stage
 * prefix, and it invokes each function through the alias named for the stage.
 */
export const API = {
  /** CORS: the only origin allowed is the stage's website, added where the website's URL is known. */
  cors: {
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["content-type", "if-none-match"],
    exposeHeaders: ["etag", "location"],
    maxAgeSeconds: 600,
  },
  /** Steady requests per second and burst, per stage (API Gateway's default route throttling). */
  throttling: { rateLimit: 100, burstLimit: 200 },
  /** API Gateway's limits for an HTTP API: a 10 MB payload, a 30 s integration timeout. */
  payloadLimitBytes: 10 * 1024 * 1024,
  integrationTimeoutSeconds: 30,
} as const;

export interface StageMonitoring {
  /** How long the stage's function logs are kept; one of the values CloudWatch Logs accepts. */
  logRetentionDays: 1 | 3 | 5 | 7 | 14 | 30 | 60 | 90 | 180 | 365;
  /** X-Ray active tracing for the stage's versions (sampled segments, billed per trace). */
  tracing: boolean;
  /** Alarm when a function's stage alias has this many errors (or throttles) within the period. */
  alarms: { errors: number; throttles: number; periodSeconds: number };
}

/**
 * What each stage keeps and watches. Any error in five minutes is worth a look in prod; dev and ci tolerate
 * a few while work is in progress, and keep their logs for days, not months.
 */
export const MONITORING: Record<Stage, StageMonitoring> = {
  dev: { logRetentionDays: 7, tracing: false, alarms: { errors: 10, throttles: 10, periodSeconds: 300 } },
  ci: { logRetentionDays: 3, tracing: false, alarms: { errors: 5, throttles: 5, periodSeconds: 300 } },
  prod: { logRetentionDays: 90, tracing: true, alarms: { errors: 1, throttles: 1, periodSeconds: 300 } },
};

/**
 * A function's log group in a stage. One function serves every stage, and each stage's version names its
 * own group (LoggingConfig is part of a version, like its role), so each stage keeps its logs as long as it
 * says. Custom groups must not start with `aws/`:
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html
 */
export const logGroupName = (fn: FunctionName, stage: string) => `/${APP_NAME}/${stage}/${fn}`;

/** The alias through which a stage's API invokes every function. */
export const stageAlias = (stage: string) => stage;

export const isFunctionName = (name: string): name is FunctionName =>
  (FUNCTION_NAMES as readonly string[]).includes(name);

/** A bucket's name in a stage. Bucket names are global on AWS, so the app and the stage are in it. */
export const bucketName = (bucket: BucketId, stage: string) => `${APP_NAME}-${stage}-${bucket}`;

/**
 * A function's name, as Lambda knows it. One function serves every stage: each stage has an alias
 * pointing at a version, and a version holds that stage's code and configuration.
 */
export const functionName = (fn: FunctionName) => `${APP_NAME}-${fn}`;

/** The function's environment variables in a stage, bucket references resolved. */
export function functionEnvironment(fn: FunctionName, stage: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(FUNCTIONS[fn].environment).map(([key, value]) => [
      key,
      typeof value === "string" ? value : bucketName(value.bucket, stage),
    ]),
  );
}
