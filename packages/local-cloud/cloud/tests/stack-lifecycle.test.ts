import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  waitUntilStackDeleteComplete,
} from "@aws-sdk/client-cloudformation";
import {
  DeleteObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { Stage } from "@holonet/infra/app-definition";
import { renderTemplate } from "@holonet/infra/cloudformation-template";
import { deployStack } from "@holonet/infra/stack-deploy";
import { localS3ClientConfig } from "@holonet/local-s3/local-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FREE_PORTS, type LocalCloud, localClientConfig, startLocalCloud } from "../src/local-cloud";

// The stage stacks' lifecycle through a real CloudFormationClient and infra's own deployStack, against the
// local CloudFormation endpoint. Statuses and their meaning:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/view-stack-events.html
const root = path.resolve(import.meta.dirname, "../../../..");
let dataDir: string;
let cloud: LocalCloud;
let cfn: CloudFormationClient;
let s3: S3Client;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-stacks-"));
  cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
  cfn = new CloudFormationClient(localClientConfig(cloud.cloudformation, cloud.credentials));
  s3 = new S3Client(localS3ClientConfig({ endpoint: cloud.s3, credentials: cloud.credentials }));
}, 60_000);

afterAll(async () => {
  cfn?.destroy();
  s3?.destroy();
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const describeStack = async (name: string) =>
  (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
const outputsOf = async (name: string) =>
  Object.fromEntries(((await describeStack(name))?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
const bucketExists = (bucket: string) =>
  s3.send(new HeadBucketCommand({ Bucket: bucket })).then(
    () => true,
    () => false,
  );
const answers = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );
const put = (bucket: string, key: string) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "{}", ContentType: "application/json" }));
async function deleteStack(name: string) {
  await cfn.send(new DeleteStackCommand({ StackName: name }));
  await waitUntilStackDeleteComplete(
    { client: cfn, minDelay: 1, maxWaitTime: 10 },
    { StackName: name },
  ).catch(() => undefined);
}
const deploy = (stage: Stage, log: string[] = []) =>
  deployStack({ client: cfn, stage, dryRun: false, log: (line) => log.push(line), pollMs: 50 });
const stackEvents = async (name: string) =>
  (await cfn.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents ?? [];

describe("the local CloudFormation endpoint", () => {
  it("holds every stage's stack on start, with the outputs the deploy scripts read", async () => {
    const stacks = (await cfn.send(new DescribeStacksCommand({}))).Stacks ?? [];
    expect(stacks.map((stack) => [stack.StackName, stack.StackStatus])).toEqual([
      ["holonet-dev", "CREATE_COMPLETE"],
      ["holonet-ci", "CREATE_COMPLETE"],
      ["holonet-prod", "CREATE_COMPLETE"],
    ]);
    expect(await outputsOf("holonet-ci")).toMatchObject({
      DataBucketName: "holonet-ci-data",
      WebBucketName: "holonet-ci-web",
      QuoteRoleArn: "arn:aws:iam::000000000000:role/holonet-ci-quote",
      ApiUrl: cloud.stages.ci.api,
      WebsiteUrl: cloud.stages.ci.web,
      FunctionEnvironment: expect.stringContaining(cloud.s3),
    });
  });

  it("deletes a stage's stack: its API, website and web bucket go, the data bucket stays with its objects", async () => {
    await put("holonet-ci-data", "quotes/kept.json");
    await deleteStack("holonet-ci");
    await expect(describeStack("holonet-ci")).rejects.toMatchObject({
      name: "ValidationError",
      message: "Stack with id holonet-ci does not exist",
    });
    expect(await answers(`${cloud.stages.ci.api}/quotes`)).toBe(false);
    expect(await answers(cloud.stages.ci.web)).toBe(false);
    expect(await bucketExists("holonet-ci-web")).toBe(false);
    expect(await bucketExists("holonet-ci-data")).toBe(true);
    // The dashboard lists every bucket that is still there.
    const listed = await fetch(`${cloud.dashboard}api/buckets`);
    expect(listed.status).toBe(200);
    const names = ((await listed.json()) as { name: string }[]).map((bucket) => bucket.name);
    expect(names).toContain("holonet-ci-data");
    expect(names).toContain("holonet-prod-web");
    expect(names).not.toContain("holonet-ci-web");
    // The other stages are untouched.
    expect((await fetch(`${cloud.api}/quote?isJedi=true`)).status).toBe(200);
    expect(await answers(`${cloud.stages.prod.api}/quotes`)).toBe(true);
  });

  it("re-creates the stack with deployStack, importing the retained data bucket, its objects still there", async () => {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/import-resources-automatically.html
    const log: string[] = [];
    expect(await deploy("ci", log)).toBe("deployed");
    expect(log.join("\n")).toMatch(/Import\s+AWS::S3::Bucket\s+DataBucket/);
    expect(log.join("\n")).toMatch(/Add\s+AWS::S3::Bucket\s+WebBucket/);
    expect((await describeStack("holonet-ci"))?.StackStatus).toBe("CREATE_COMPLETE");
    expect(await outputsOf("holonet-ci")).toMatchObject({ ApiUrl: cloud.stages.ci.api });
    await s3.send(new HeadBucketCommand({ Bucket: "holonet-ci-web" }));
    // No ci alias yet: the route answers as API Gateway does when its integration fails.
    expect((await fetch(`${cloud.stages.ci.api}/quote?isJedi=true`)).status).toBe(500);
    expect((await fetch(cloud.stages.ci.web)).status).toBe(404);
    const kept = await s3.send(new HeadObjectCommand({ Bucket: "holonet-ci-data", Key: "quotes/kept.json" }));
    expect(kept.$metadata.httpStatusCode).toBe(200);
  }, 60_000);

  it("answers no-changes for a template equal to the stack's", async () => {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets-create.html
    const log: string[] = [];
    expect(await deploy("ci", log)).toBe("no-changes");
    expect((await describeStack("holonet-ci"))?.StackStatus).toBe("CREATE_COMPLETE");
  });

  it("lists an UPDATE's changes by comparing templates, and records the new template", async () => {
    const template = JSON.parse(renderTemplate("dev")) as {
      Resources: Record<string, { Properties?: object }>;
    };
    const [removed = "", modified = ""] = Object.keys(template.Resources).filter((id) =>
      id.endsWith("Alarm"),
    );
    delete template.Resources[removed];
    template.Resources[modified] = { ...template.Resources[modified], Properties: { Threshold: 99 } };
    const body = JSON.stringify(template);
    await cfn.send(
      new CreateChangeSetCommand({
        StackName: "holonet-dev",
        ChangeSetName: "edit",
        ChangeSetType: "UPDATE",
        TemplateBody: body,
      }),
    );
    const changeSet = await cfn.send(
      new DescribeChangeSetCommand({ StackName: "holonet-dev", ChangeSetName: "edit" }),
    );
    expect(changeSet).toMatchObject({ Status: "CREATE_COMPLETE", ExecutionStatus: "AVAILABLE" });
    expect(changeSet.Changes?.map((change) => change.ResourceChange)).toEqual([
      expect.objectContaining({ Action: "Modify", LogicalResourceId: modified, Replacement: "False" }),
      expect.objectContaining({ Action: "Remove", LogicalResourceId: removed }),
    ]);
    await cfn.send(new ExecuteChangeSetCommand({ StackName: "holonet-dev", ChangeSetName: "edit" }));
    expect((await describeStack("holonet-dev"))?.StackStatus).toBe("UPDATE_COMPLETE");
    // deployStack puts the definition's template back: the removed alarm is added again.
    const log: string[] = [];
    expect(await deploy("dev", log)).toBe("deployed");
    expect(log.join("\n")).toMatch(new RegExp(`Add\\s+AWS::CloudWatch::Alarm\\s+${removed}`));
  }, 60_000);

  it("ends DELETE_FAILED, the stack kept, when the web bucket is not empty", async () => {
    await put("holonet-prod-web", "index.html");
    await deleteStack("holonet-prod");
    const stack = await describeStack("holonet-prod");
    expect(stack?.StackStatus).toBe("DELETE_FAILED");
    expect(stack?.StackStatusReason).toContain("WebBucket");
    const failed = (await stackEvents("holonet-prod")).find(
      (event) => event.ResourceStatus === "DELETE_FAILED" && event.LogicalResourceId !== "holonet-prod",
    );
    expect(failed).toMatchObject({ LogicalResourceId: "WebBucket", ResourceType: "AWS::S3::Bucket" });
    expect(await answers(`${cloud.stages.prod.api}/quotes`)).toBe(false);
    expect(await bucketExists("holonet-prod-web")).toBe(true);

    await s3.send(new DeleteObjectCommand({ Bucket: "holonet-prod-web", Key: "index.html" }));
    await deleteStack("holonet-prod");
    expect(await bucketExists("holonet-prod-web")).toBe(false);
    await expect(describeStack("holonet-prod")).rejects.toMatchObject({ name: "ValidationError" });
  }, 60_000);

  it("rolls a CREATE back when the data bucket exists and is not imported, as AWS does", async () => {
    await cfn.send(
      new CreateChangeSetCommand({
        StackName: "holonet-prod",
        ChangeSetName: "no-import",
        ChangeSetType: "CREATE",
        TemplateBody: renderTemplate("prod"),
      }),
    );
    expect((await describeStack("holonet-prod"))?.StackStatus).toBe("REVIEW_IN_PROGRESS");
    const changeSet = await cfn.send(
      new DescribeChangeSetCommand({ StackName: "holonet-prod", ChangeSetName: "no-import" }),
    );
    expect(changeSet.Changes?.every((change) => change.ResourceChange?.Action === "Add")).toBe(true);
    await cfn.send(new ExecuteChangeSetCommand({ StackName: "holonet-prod", ChangeSetName: "no-import" }));
    expect((await describeStack("holonet-prod"))?.StackStatus).toBe("ROLLBACK_COMPLETE");
    const failed = (await stackEvents("holonet-prod")).find(
      (event) => event.ResourceStatus === "CREATE_FAILED" && event.LogicalResourceId !== "holonet-prod",
    );
    expect(failed).toMatchObject({
      LogicalResourceId: "DataBucket",
      ResourceStatusReason: "holonet-prod-data already exists",
    });
    await expect(deploy("prod")).rejects.toThrow(/ROLLBACK_COMPLETE/);

    // Deleting the rolled back stack deletes nothing of what it never created.
    await deleteStack("holonet-prod");
    expect(await bucketExists("holonet-prod-data")).toBe(true);
    expect(await deploy("prod")).toBe("deployed");
    expect(await answers(`${cloud.stages.prod.api}/quotes`)).toBe(true);
  }, 60_000);

  it("holds every stage's stack again after a restart, as if deploy:stack had run for each", async () => {
    await deleteStack("holonet-ci");
    await cloud.close();
    cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
    cfn.destroy();
    cfn = new CloudFormationClient(localClientConfig(cloud.cloudformation, cloud.credentials));
    s3.destroy();
    s3 = new S3Client(localS3ClientConfig({ endpoint: cloud.s3, credentials: cloud.credentials }));
    expect((await describeStack("holonet-ci"))?.StackStatus).toBe("CREATE_COMPLETE");
    expect(await bucketExists("holonet-ci-web")).toBe(true);
    await s3.send(new HeadObjectCommand({ Bucket: "holonet-ci-data", Key: "quotes/kept.json" }));
  }, 60_000);
});
