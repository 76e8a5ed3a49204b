import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FREE_PORTS, type LocalCloud, localClientConfig, startLocalCloud } from "../src/local-cloud";

// The local cloud's CloudWatch Logs, read with the real SDK client, after real requests through the HTTP API.
const root = path.resolve(import.meta.dirname, "../../../..");
const GROUP = "/holonet/dev/store-save";
let dataDir: string;
let cloud: LocalCloud;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-logs-"));
  cloud = await startLocalCloud({
    root,
    dataDir,
    ports: FREE_PORTS,
  });
  logs = new CloudWatchLogsClient(localClientConfig(cloud.logs, cloud.credentials));
}, 60_000);

afterAll(async () => {
  logs?.destroy();
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const saveQuote = async (quote: string) => {
  const response = await fetch(`${cloud.api}/quotes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ quote }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
};

describe("the local cloud's CloudWatch Logs", () => {
  it("keeps a request's START, REPORT and the service's JSON line under one request id", async () => {
    const before = Date.now() - 1;
    const { id } = await saveQuote("Logs are a Jedi's memory.");
    const saved = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: `"${id}"` }),
    );
    expect(saved.events).toHaveLength(1);
    const line = JSON.parse(saved.events?.[0]?.message ?? "{}");
    expect(line).toMatchObject({ level: "INFO", service: "store-save", message: "Quote saved", id });
    expect(typeof line.coldStart).toBe("boolean");
    expect(line).not.toHaveProperty("quote");

    const all = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, startTime: before, filterPattern: line.requestId }),
    );
    const messages = (all.events ?? []).map((event) => event.message ?? "");
    expect(messages.some((text) => text.startsWith(`START RequestId: ${line.requestId}`))).toBe(true);
    expect(messages.some((text) => text.startsWith(`REPORT RequestId: ${line.requestId}`))).toBe(true);
    for (const event of all.events ?? []) {
      expect(event).toMatchObject({
        eventId: expect.any(String),
        timestamp: expect.any(Number),
        ingestionTime: expect.any(Number),
        // The stage's own group: Lambda names such streams date/function[version]instance.
        logStreamName: expect.stringMatching(/^\d{4}\/\d\d\/\d\d\/holonet-store-save\[\d+\][0-9a-f]{32}$/),
      });
    }
  });

  it("pages FilterLogEvents with nextToken and lists the stream in DescribeLogStreams", async () => {
    await saveQuote("Another line.");
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 2 }));
    expect(first.events).toHaveLength(2);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, limit: 2, nextToken: first.nextToken }),
    );
    expect(second.events?.[0]?.eventId).not.toBe(first.events?.[1]?.eventId);

    const { logStreams } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
    const stream = logStreams?.find((s) => s.logStreamName === first.events?.[0]?.logStreamName);
    expect(stream).toMatchObject({
      firstEventTimestamp: expect.any(Number),
      storedBytes: expect.any(Number),
    });

    const read = await logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: stream?.logStreamName,
        startFromHead: true,
      }),
    );
    // A stream is one execution environment's, which Lambda opens with INIT_START before its first START
    // (https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-identify.html).
    expect(read.events?.[0]?.message).toMatch(/^INIT_START Runtime Version: nodejs:24\./);
    expect(read.events?.[1]?.message).toMatch(/^START RequestId: /);
    expect(read.nextForwardToken).toMatch(/^f\//);
  });

  it("answers ResourceNotFoundException for a group that does not exist", async () => {
    const error = await logs
      .send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/holonet-nothing" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe("The specified log group does not exist.");
  });
});
