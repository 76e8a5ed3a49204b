import { createHash } from "node:crypto";
import { sdkSigner } from "@holonet/test-kit/raw-request";
import { describe, expect, it } from "vitest";
import { type Credential, presignUrl, type SignedRequest, verifySignature } from "../src/signature-v4";

const developer: Credential = { accessKeyId: "HOLONETDEVAAAAAAAAAA", secretAccessKey: "developer-secret" };
const role: Credential = {
  accessKeyId: "HOLONETFNAAAAAAAAAAA",
  secretAccessKey: "role-secret",
  sessionToken: "token",
};
const keys = (id: string) => [developer, role].find((c) => c.accessKeyId === id);
const signingDate = new Date("2026-11-30T14:00:00Z");
const now = signingDate.getTime();
const sha256 = (body: string) => createHash("sha256").update(body).digest("hex");

interface Plain {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** Signs a request with the SDK's signer and turns it into what a server receives. */
async function signed(credential: Credential, service: string, plain: Plain, region = "us-east-1") {
  const request = {
    method: plain.method,
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 4561,
    path: plain.path,
    query: plain.query ?? {},
    headers: { host: "127.0.0.1:4561", ...plain.headers },
    body: plain.body,
  };
  const out = await sdkSigner(credential, service, region).sign(request, { signingDate });
  return received(out as typeof request, plain.body);
}

function received(
  request: { path: string; query: Record<string, string>; headers: Record<string, string> },
  body?: string,
): SignedRequest {
  const query = Object.entries(request.query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  return {
    method: (request as unknown as { method: string }).method,
    url: query ? `${request.path}?${query}` : request.path,
    rawHeaders: Object.entries(request.headers).flat(),
    ...(body !== undefined && { payloadHash: sha256(body) }),
  };
}

const listFunctions: Plain = { method: "GET", path: "/2015-03-31/functions/", query: { MaxItems: "10" } };
const createFunction: Plain = {
  method: "POST",
  path: "/2015-03-31/functions",
  headers: { "content-type": "application/json" },
  body: '{"FunctionName":"x"}',
};
const scope = { service: "lambda", region: "us-east-1" };

describe("Signature Version 4, checked against the SDK's own signer", () => {
  it("accepts what the SDK signs with a known key: a GET with a query and a POST with a body", async () => {
    expect(verifySignature(await signed(developer, "lambda", listFunctions), keys, scope, now)).toEqual({
      ok: true,
      accessKeyId: developer.accessKeyId,
    });
    expect(verifySignature(await signed(developer, "lambda", createFunction), keys, scope, now).ok).toBe(
      true,
    );
  });

  it("double-encodes every path but S3's: a function ARN in the path, and an S3 key with odd characters", async () => {
    const arn = {
      method: "POST",
      path: "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Aq/invocations",
      body: "{}",
    };
    expect(verifySignature(await signed(developer, "lambda", arn), keys, scope, now).ok).toBe(true);
    const s3Put: Plain = {
      method: "PUT",
      path: "/bucket/a%20b/%C3%A9%2B%21(x)",
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    };
    expect(
      verifySignature(await signed(developer, "s3", s3Put), keys, { service: "s3", region: "us-east-1" }, now)
        .ok,
    ).toBe(true);
  });

  it("refuses a request with no signature as missing", () => {
    const verdict = verifySignature(
      { method: "POST", url: "/2015-03-31/functions", rawHeaders: ["Host", "127.0.0.1"] },
      keys,
      scope,
      now,
    );
    expect(verdict).toMatchObject({ ok: false, problem: "missing" });
  });

  it("refuses an unknown key, a wrong secret and a tampered body, path or query", async () => {
    const stranger = { accessKeyId: "AKIDSTRANGER", secretAccessKey: "x" };
    expect(verifySignature(await signed(stranger, "lambda", listFunctions), keys, scope, now)).toMatchObject({
      problem: "unknown-key",
    });
    const wrongSecret = { ...developer, secretAccessKey: "guess" };
    expect(
      verifySignature(await signed(wrongSecret, "lambda", listFunctions), keys, scope, now),
    ).toMatchObject({ problem: "mismatch" });
    const good = await signed(developer, "lambda", createFunction);
    expect(
      verifySignature({ ...good, payloadHash: sha256('{"FunctionName":"y"}') }, keys, scope, now),
    ).toMatchObject({ problem: "mismatch" });
    const list = await signed(developer, "lambda", listFunctions);
    expect(
      verifySignature({ ...list, url: list.url.replace("MaxItems=10", "MaxItems=11") }, keys, scope, now),
    ).toMatchObject({ problem: "mismatch" });
    expect(
      verifySignature({ ...list, url: list.url.replace("functions/", "functions/x/") }, keys, scope, now),
    ).toMatchObject({ problem: "mismatch" });
  });

  it("refuses a signature made for another Host header (a signed request replayed elsewhere)", async () => {
    const list = await signed(developer, "lambda", listFunctions);
    const headers = [...list.rawHeaders];
    headers[headers.indexOf("host") + 1] = "127.0.0.1:9999";
    expect(verifySignature({ ...list, rawHeaders: headers }, keys, scope, now)).toMatchObject({
      problem: "mismatch",
    });
  });

  it("asks temporary credentials for their session token", async () => {
    expect(verifySignature(await signed(role, "lambda", listFunctions), keys, scope, now).ok).toBe(true);
    const withoutToken = { accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey };
    expect(
      verifySignature(await signed(withoutToken, "lambda", listFunctions), keys, scope, now),
    ).toMatchObject({ problem: "invalid-token" });
    const wrongToken = { ...role, sessionToken: "other" };
    expect(
      verifySignature(await signed(wrongToken, "lambda", listFunctions), keys, scope, now),
    ).toMatchObject({ problem: "invalid-token" });
  });

  it("refuses another region or service, and a request signed more than 15 minutes away", async () => {
    expect(
      verifySignature(await signed(developer, "lambda", listFunctions, "eu-west-1"), keys, scope, now),
    ).toMatchObject({ problem: "wrong-scope" });
    expect(verifySignature(await signed(developer, "s3", listFunctions), keys, scope, now)).toMatchObject({
      problem: "wrong-scope",
    });
    const request = await signed(developer, "lambda", listFunctions);
    expect(verifySignature(request, keys, scope, now + 14 * 60_000).ok).toBe(true);
    expect(verifySignature(request, keys, scope, now + 16 * 60_000)).toMatchObject({ problem: "skewed" });
    expect(verifySignature(request, keys, scope, now - 16 * 60_000)).toMatchObject({ problem: "skewed" });
  });

  it("accepts a presigned S3 URL until it expires, and refuses one whose signature was altered", async () => {
    const request = {
      method: "GET",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 4562,
      path: "/bucket/quotes/a.json",
      query: {},
      // As the S3 presigner does: the payload is never signed in a URL.
      headers: { host: "127.0.0.1:4562", "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    };
    const presigned = await sdkSigner(role, "s3").presign(request, { signingDate, expiresIn: 60 });
    const url = received(presigned as typeof request);
    const s3 = { service: "s3", region: "us-east-1" };
    expect(verifySignature(url, keys, s3, now + 59_000).ok).toBe(true);
    expect(verifySignature(url, keys, s3, now + 61_000)).toMatchObject({
      problem: "expired",
      presigned: true,
    });
    const altered = url.url.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_, c) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`,
    );
    expect(verifySignature({ ...url, url: altered }, keys, s3, now)).toMatchObject({ problem: "mismatch" });
  });

  it("names a malformed Authorization header as incomplete", () => {
    const base = { method: "GET", url: "/", payloadHash: sha256("") };
    for (const authorization of [
      "AWS S3RVER:abc",
      "AWS4-HMAC-SHA256 Credential=HOLONETDEVAAAAAAAAAA/20261130/us-east-1/lambda/aws4_request",
      "AWS4-HMAC-SHA256 Credential=x, SignedHeaders=host, Signature=00",
    ])
      expect(
        verifySignature(
          { ...base, rawHeaders: ["Host", "127.0.0.1", "Authorization", authorization] },
          keys,
          scope,
          now,
        ),
      ).toMatchObject({
        ok: false,
        problem: "incomplete",
      });
  });
});

describe("presigned URLs of the local cloud's own", () => {
  it("are accepted until they expire, for the same host only", () => {
    const url = presignUrl(
      "http://127.0.0.1:4561/_local/code/holonet-quote/ab12.zip",
      developer,
      scope,
      600,
      now,
    );
    const request = (at: string, host = "127.0.0.1:4561") => ({
      method: "GET",
      url: at.slice(at.indexOf("/_local")),
      rawHeaders: ["Host", host],
    });
    expect(verifySignature(request(url), keys, scope, now + 599_000).ok).toBe(true);
    expect(verifySignature(request(url), keys, scope, now + 601_000)).toMatchObject({ problem: "expired" });
    expect(verifySignature(request(url, "127.0.0.1:9"), keys, scope, now)).toMatchObject({
      problem: "mismatch",
    });
    expect(verifySignature(request(url.replace("ab12", "ab13")), keys, scope, now)).toMatchObject({
      problem: "mismatch",
    });
  });
});
