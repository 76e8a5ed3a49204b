import {
  CreateBucketCommand,
  DeleteBucketCommand,
  HeadBucketCommand,
  PutBucketWebsiteCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import {
  API,
  BUCKETS,
  type BucketId,
  bucketName,
  FUNCTION_NAMES,
  type FunctionName,
  functionName,
  ROUTES,
  type Stage,
  stageAlias,
} from "@holonet/infra/app-definition";
import { functionRoleName, LOGICAL_IDS } from "@holonet/infra/stack-names";
import { roleOutputKey } from "@holonet/infra/stack-outputs";
import { type HttpApiOptions, startHttpApi } from "@holonet/local-gateway/http-api";
import type { LocalS3 } from "@holonet/local-s3/local-s3";
import { LOCAL_REGION } from "@holonet/local-s3/local-s3";
import { BUCKET_IDS } from "./shared-services";
import { startWebsiteEndpoint } from "./website-endpoint";

/** A resource of the stage's stack that CloudFormation could not create or delete, and why. */
export class StackResourceError extends Error {
  constructor(
    readonly logicalResourceId: string,
    readonly resourceType: string,
    reason: string,
  ) {
    super(reason);
    this.name = "StackResourceError";
  }
}

export interface LocalStageOptions {
  stage: Stage;
  /** 0: any free port at first; once bound, a re-created stage answers on the same one again. */
  ports: { api: number; web: number };
  s3: Pick<LocalS3, "websiteHandler">;
  s3Client: S3Client;
  invoke: HttpApiOptions["invoke"];
  onRequest: NonNullable<HttpApiOptions["onRequest"]>;
  throttling: { rateLimit: number; burstLimit: number };
  /** The functions' environment on this machine (the local S3's endpoint): an output of every stage's stack. */
  functionEnvironment: Record<string, string>;
}

type Running = { url: string; close(): Promise<void> };

/** Locally every function gets a role ARN of its own, named as the stage's stack names it on AWS. */
const localRole = (service: FunctionName, stage: Stage) =>
  `arn:aws:iam::000000000000:role/${functionRoleName(service, stage)}`;

const bucketExists = (client: S3Client, stage: Stage, id: BucketId) =>
  client.send(new HeadBucketCommand({ Bucket: bucketName(id, stage) })).then(
    () => true,
    (error: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
      if (error.name === "NotFound" || error.$metadata?.httpStatusCode === 404) return false;
      throw error;
    },
  );

async function createBucket(client: S3Client, stage: Stage, id: BucketId) {
  const website = BUCKETS[id].website;
  await client.send(new CreateBucketCommand({ Bucket: bucketName(id, stage) }));
  if (!website) return;
  // As the local S3 configures the bucket on every start, so that a re-created site serves the same.
  await client.send(
    new PutBucketWebsiteCommand({
      Bucket: bucketName(id, stage),
      WebsiteConfiguration: { IndexDocument: { Suffix: website.indexDocument } },
    }),
  );
}

/** CloudFormation deletes only an empty bucket: a full one fails the stack's deletion. */
async function deleteWebBucket(client: S3Client, stage: Stage) {
  if (!(await bucketExists(client, stage, "web"))) return;
  try {
    await client.send(new DeleteBucketCommand({ Bucket: bucketName("web", stage) }));
  } catch (error) {
    if ((error as { name?: string }).name !== "BucketNotEmpty") throw error;
    const reason = "The bucket you tried to delete is not empty";
    throw new StackResourceError(LOGICAL_IDS.bucket("web"), "AWS::S3::Bucket", reason);
  }
}

/** The stage's HTTP API: every route invokes the stage's alias; CORS allows the stage's website alone. */
const startStageApi = (options: LocalStageOptions, port: number, websiteUrl: string) =>
  startHttpApi({
    port,
    routes: ROUTES.map((route) => ({
      method: route.method,
      path: route.path,
      target: { functionName: functionName(route.function), qualifier: stageAlias(options.stage) },
    })),
    cors: { ...API.cors, allowOrigins: [websiteUrl] },
    throttling: options.throttling,
    payloadLimitBytes: API.payloadLimitBytes,
    integrationTimeoutSeconds: API.integrationTimeoutSeconds,
    region: LOCAL_REGION,
    invoke: options.invoke,
    onRequest: options.onRequest,
  });

/** The stack's outputs, as CloudFormation holds them on AWS once the stack is created. */
const stageOutputs = (options: LocalStageOptions, urls: { api: string; web: string }) => ({
  DataBucketName: bucketName("data", options.stage),
  WebBucketName: bucketName("web", options.stage),
  ...Object.fromEntries(
    FUNCTION_NAMES.map((service) => [roleOutputKey(service), localRole(service, options.stage)]),
  ),
  FunctionEnvironment: JSON.stringify(options.functionEnvironment),
  ApiUrl: urls.api,
  WebsiteUrl: `${urls.web}/`,
});

const portOf = (url: string) => Number(new URL(url).port);

/**
 * One stage's part of the stack, made from the application definition (the one the template is rendered
 * from): its buckets, its HTTP API invoking the stage's alias, and its web bucket's website endpoint.
 * Once bound, its endpoints keep their ports, so a re-created stage answers where it did.
 */
export function localStage(options: LocalStageOptions) {
  const { stage, s3Client } = options;
  let api: Running | undefined;
  let web: Running | undefined;
  const urls = { api: `http://127.0.0.1:${options.ports.api}`, web: `http://127.0.0.1:${options.ports.web}` };

  async function start() {
    const serveBucket = options.s3.websiteHandler(bucketName("web", stage));
    web ??= await startWebsiteEndpoint({ serveBucket, port: portOf(urls.web) });
    urls.web = web.url;
    api ??= await startStageApi(options, portOf(urls.api), web.url);
    urls.api = api.url;
  }
  async function close() {
    await api?.close();
    await web?.close();
    api = undefined;
    web = undefined;
  }

  return {
    stage,
    urls: () => ({ ...urls }),
    outputs: (): Record<string, string> => stageOutputs(options, urls),
    bucketExists: (id: BucketId) => bucketExists(s3Client, stage, id),
    /** As on every start: the buckets are there already (the local S3 makes them), the endpoints start. */
    start,
    /**
     * Creates the stage's resources. A bucket that exists already is taken over only when the change set
     * imports it; otherwise creating it fails, as on AWS, before anything is made.
     */
    async create(imported: ReadonlySet<BucketId>) {
      const missing: BucketId[] = [];
      for (const id of BUCKET_IDS) {
        if (!(await bucketExists(s3Client, stage, id))) missing.push(id);
        else if (!imported.has(id))
          throw new StackResourceError(
            LOGICAL_IDS.bucket(id),
            "AWS::S3::Bucket",
            `${bucketName(id, stage)} already exists`,
          );
      }
      for (const id of missing) await createBucket(s3Client, stage, id);
      await start();
    },
    /**
     * Deletes what the stack deletes: the API, then the web bucket and its website. The data bucket is
     * retained (DeletionPolicy Retain). A web bucket with objects stays, and its website keeps answering.
     */
    async remove() {
      await api?.close();
      api = undefined;
      await deleteWebBucket(s3Client, stage);
      await web?.close();
      web = undefined;
    },
    close,
  };
}

export type LocalStage = ReturnType<typeof localStage>;
