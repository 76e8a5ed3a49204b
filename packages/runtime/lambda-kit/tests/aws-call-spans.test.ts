import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logAwsCallSpans } from "../src/aws-call-spans";
import { withInvocationLogger } from "../src/invocation-scope";
import { createLogger } from "../src/logger";

// A real S3 client against a real HTTP server on loopback that answers 200 for `found` and 404 otherwise.
let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(req.url?.includes("found") && !req.url.includes("not-found") ? 200 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function setup() {
  const lines: string[] = [];
  const logger = createLogger({ service: "test", write: (line) => lines.push(line) });
  const client = logAwsCallSpans(
    new S3Client({
      endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "k", secretAccessKey: "s" },
      maxAttempts: 1,
    }),
    logger,
  );
  return { client, logger, lines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("logAwsCallSpans", () => {
  it("logs each call as a span with the operation, its duration and status, under the invocation's fields", async () => {
    const { client, logger, lines } = setup();
    const log = logger.with({ requestId: "r-1" });
    await withInvocationLogger(log, () => client.send(new HeadObjectCommand({ Bucket: "b", Key: "found" })));

    expect(lines()).toEqual([
      expect.objectContaining({
        level: "INFO",
        message: "S3 HeadObject",
        requestId: "r-1",
        span: { hop: "s3", name: "S3 HeadObject", durationMs: expect.any(Number), status: 200 },
      }),
    ]);
  });

  it("logs a failed call with its status too, and still throws its error", async () => {
    const { client, lines } = setup();
    await expect(client.send(new HeadObjectCommand({ Bucket: "b", Key: "not-found" }))).rejects.toMatchObject(
      {
        $metadata: { httpStatusCode: 404 },
      },
    );
    // Outside an invocation, the client's own logger writes the span.
    expect(lines()).toEqual([expect.objectContaining({ span: expect.objectContaining({ status: 404 }) })]);
    expect(lines()[0]?.requestId).toBeUndefined();
  });
});
