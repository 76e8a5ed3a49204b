import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { newLocalCredentials } from "@holonet/local-auth/local-credentials";
import { rawRequest } from "@holonet/test-kit/raw-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalS3, localS3ClientConfig, startLocalS3 } from "../src/local-s3";

// Who may use the local S3, and where its objects may go. The attacks tried: anonymous
// cross-site form posts and deletes, DNS rebinding, and keys that climb out of the bucket's folder.
const credentials = newLocalCredentials();
const SECRET = "secret.txt._S3rver_object";
let outer: string;
let s3: LocalS3;
let client: S3Client;
let website: Server;
let websiteUrl: string;

beforeAll(async () => {
  outer = mkdtempSync(path.join(tmpdir(), "holonet-s3-access-"));
  // A file beside the data folder, named as s3rver names an object's file, which no request may read.
  writeFileSync(path.join(outer, SECRET), "not for the web");
  s3 = await startLocalS3({
    directory: path.join(outer, "data", "s3"),
    credentials,
    buckets: [
      { name: "data" },
      { name: "site", website: { indexDocument: "index.html", errorDocument: "404.html" } },
    ],
  });
  client = new S3Client(localS3ClientConfig(s3));
  await client.send(
    new PutObjectCommand({
      Bucket: "site",
      Key: "404.html",
      Body: "not found page",
      ContentType: "text/html",
    }),
  );
  await client.send(new PutObjectCommand({ Bucket: "data", Key: "kept.json", Body: "{}" }));
  website = createServer(s3.websiteHandler("site"));
  await new Promise<void>((resolve) => website.listen(0, "127.0.0.1", resolve));
  websiteUrl = `http://127.0.0.1:${(website.address() as AddressInfo).port}`;
});
afterAll(async () => {
  website.close();
  client.destroy();
  await s3.close();
  rmSync(outer, { recursive: true, force: true });
});

const signed = { credential: credentials.developer, service: "s3" };
const errorCode = (body: string) => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];

/** Every file under `dir`, for checking that nothing landed outside the data folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}
const outsideTheDataFolder = () =>
  filesUnder(outer).filter((file) => !file.startsWith(path.join(outer, "data", "s3")));

describe("the local S3 answers only its own credentials", () => {
  it("refuses an unsigned request with S3's AccessDenied, and writes nothing", async () => {
    const answer = await rawRequest({ url: `${s3.endpoint}/data/anonymous.txt`, method: "PUT", body: "x" });
    expect([answer.status, errorCode(answer.body)]).toEqual([403, "AccessDenied"]);
    await expect(
      client.send(new GetObjectCommand({ Bucket: "data", Key: "anonymous.txt" })),
    ).rejects.toThrow();
  });

  it("refuses a browser's cross-site form upload and a text/plain DeleteObjects", async () => {
    const form = `--b\r\nContent-Disposition: form-data; name="key"\r\n\r\nx.html\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="x.html"\r\nContent-Type: text/html\r\n\r\n<script>1</script>\r\n--b--\r\n`;
    const upload = await rawRequest({
      url: `${s3.endpoint}/site`,
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=b", origin: "https://evil.example" },
      body: form,
    });
    expect(upload.status).toBe(403);
    const remove = await rawRequest({
      url: `${s3.endpoint}/data?delete`,
      method: "POST",
      headers: { "content-type": "text/plain", origin: "https://evil.example" },
      body: "<Delete><Object><Key>kept.json</Key></Object></Delete>",
    });
    expect(remove.status).toBe(403);
    const kept = await client.send(new GetObjectCommand({ Bucket: "data", Key: "kept.json" }));
    expect(await kept.Body?.transformToString()).toBe("{}");
    expect(existsSync(path.join(outer, "data", "s3", "site", "x.html._S3rver_object"))).toBe(false);
  });

  it("answers a CORS preflight with no allowance", async () => {
    const answer = await rawRequest({
      url: `${s3.endpoint}/data/kept.json`,
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "PUT" },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("refuses a wrong secret, an unknown key and s3rver's well-known S3RVER key, as S3 does", async () => {
    const cases = [
      [{ ...credentials.developer, secretAccessKey: "guess" }, "SignatureDoesNotMatch"],
      [{ accessKeyId: "AKIDSTRANGERSTRANGER", secretAccessKey: "x" }, "InvalidAccessKeyId"],
      [{ accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }, "InvalidAccessKeyId"],
      [{ ...credentials.functionRole, sessionToken: "forged" }, "InvalidToken"],
    ] as const;
    for (const [wrong, code] of cases) {
      const stranger = new S3Client({ ...localS3ClientConfig(s3), credentials: wrong, maxAttempts: 1 });
      const error = await stranger
        .send(new GetObjectCommand({ Bucket: "data", Key: "kept.json" }))
        .catch((e) => e);
      expect(error).toBeInstanceOf(S3ServiceException);
      expect((error as S3ServiceException).name).toBe(code);
      stranger.destroy();
    }
  });

  it("refuses a request that names a host other than loopback (DNS rebinding), signed or not", async () => {
    const answer = await rawRequest({
      url: `${s3.endpoint}/data/kept.json`,
      headers: { host: "evil.example" },
      signAs: signed,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("answers only to the host names");
  });

  it("accepts the function role's temporary credentials with their session token", async () => {
    const role = new S3Client({ ...localS3ClientConfig(s3), credentials: credentials.functionRole });
    const object = await role.send(new GetObjectCommand({ Bucket: "data", Key: "kept.json" }));
    expect(await object.Body?.transformToString()).toBe("{}");
    role.destroy();
  });
});

describe("no key leaves its bucket", () => {
  const marker = () => `escaped-${randomUUID()}`;

  it("refuses the SDK's PutObject of a key with '..' segments, and writes nothing outside the data folder", async () => {
    const name = marker();
    const error = await client
      .send(new PutObjectCommand({ Bucket: "data", Key: `../../${name}`, Body: "x" }))
      .catch((e) => e);
    expect((error as S3ServiceException).name).toBe("InvalidArgument");
    expect(outsideTheDataFolder()).toEqual([path.join(outer, SECRET)]);
  });

  it("refuses every raw form of a climbing key, signed by a valid key", async () => {
    for (const form of [
      "../../NAME",
      "..%2f..%2fNAME",
      "%2e%2e%2f%2e%2e%2fNAME",
      "a/../../../NAME",
      "%2E%2E/NAME",
    ]) {
      const name = marker();
      const answer = await rawRequest({
        url: `${s3.endpoint}/data/${form.replace("NAME", name)}`,
        method: "PUT",
        body: "x",
        signAs: signed,
      });
      expect(answer.status, form).toBeGreaterThanOrEqual(400);
      expect(outsideTheDataFolder(), form).toEqual([path.join(outer, SECRET)]);
    }
  });

  it("refuses a bucket name that climbs out of the data folder", async () => {
    for (const bucket of ["..", "%2e%2e", "..%2f.."]) {
      const answer = await rawRequest({
        url: `${s3.endpoint}/${bucket}/x-${marker()}`,
        method: "PUT",
        body: "x",
        signAs: signed,
      });
      expect(answer.status, bucket).toBeGreaterThanOrEqual(400);
      expect(outsideTheDataFolder(), bucket).toEqual([path.join(outer, SECRET)]);
    }
  });

  it("finds no object outside the bucket: the same 404 for a file that exists there and one that does not", async () => {
    const read = (name: string) =>
      rawRequest({ url: `${s3.endpoint}/data/..%2f..%2f..%2f${name}`, signAs: signed });
    const existing = await read("secret.txt");
    const missing = await read("no-such-file.txt");
    expect([existing.status, errorCode(existing.body)]).toEqual([404, "NoSuchKey"]);
    expect(existing.body).not.toContain("not for the web");
    expect([missing.status, errorCode(missing.body)]).toEqual([404, "NoSuchKey"]);
  });

  it("serves the website's error document for a path outside the bucket, existing or not", async () => {
    mkdirSync(path.join(outer, "data", "s3", "elsewhere"), { recursive: true });
    for (const target of [
      "/../../../secret.txt",
      "/%2e%2e/%2e%2e/%2e%2e/secret.txt",
      "/..%2f..%2f..%2fsecret.txt",
      "/../../../missing.txt",
    ]) {
      const answer = await rawRequest({ url: `${websiteUrl}${target}`, headers: { host: "evil.example" } });
      expect([answer.status, answer.body], target).toEqual([404, "not found page"]);
    }
  });
});
