import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeSha256 } from "../src/bundle-zip";
import { downloadCode, ZIP_LIMIT_BYTES } from "../src/code-download";

// A promotion downloads a version's zip from GetFunction's Code.Location and uploads it again as ZipFile,
// whose quota is 50 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). It must
// be exactly the code the version runs: its base64 SHA-256 is the version's CodeSha256.
const ZIP = Buffer.from("PK\u0003\u0004 a small zip");
const answers: Record<string, (response: ServerResponse) => void> = {
  "/code.zip": (response) => response.writeHead(200).end(ZIP),
  "/expired.zip": (response) => response.writeHead(403).end("<Error>Request has expired</Error>"),
  "/declared-too-big.zip": (response) =>
    response.writeHead(200, { "content-length": String(ZIP_LIMIT_BYTES + 1) }).end(),
  "/streams-too-much.zip": (response) => {
    response.writeHead(200, { "transfer-encoding": "chunked" });
    const chunk = Buffer.alloc(1024 * 1024);
    for (let sent = 0; sent <= ZIP_LIMIT_BYTES; sent += chunk.length) response.write(chunk);
    response.end();
  },
};
const server = createServer((request, response) => {
  const answer = answers[new URL(request.url ?? "/", "http://localhost").pathname];
  if (answer) answer(response);
  else response.writeHead(404).end();
});
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("downloading a version's code", () => {
  it("answers the zip when its SHA-256 is the version's CodeSha256", async () => {
    expect(Buffer.from(await downloadCode(`${base}/code.zip?X-Amz-Signature=s`, codeSha256(ZIP)))).toEqual(
      ZIP,
    );
  });

  it("refuses other bytes than the version's, and never shows the URL's signature", async () => {
    const error = await downloadCode(`${base}/code.zip?X-Amz-Signature=secret`, "not-the-sha").catch(
      (each: Error) => each,
    );
    expect((error as Error).message).toBe(
      `The code downloaded from ${base}/code.zip has CodeSha256 ${codeSha256(ZIP)}, not the version's not-the-sha: nothing is promoted.`,
    );
  });

  it("names the HTTP status of a failed download", async () => {
    await expect(downloadCode(`${base}/expired.zip`, codeSha256(ZIP))).rejects.toThrow(
      `Downloading the code from ${base}/expired.zip answered HTTP 403.`,
    );
  });

  it("stops at Lambda's 50 MB zip limit, declared or streamed", async () => {
    await expect(downloadCode(`${base}/declared-too-big.zip`, "x")).rejects.toThrow(
      /over Lambda's 52428800-byte/,
    );
    await expect(downloadCode(`${base}/streams-too-much.zip`, "x")).rejects.toThrow(
      /runs over Lambda's 52428800-byte/,
    );
  });
});
