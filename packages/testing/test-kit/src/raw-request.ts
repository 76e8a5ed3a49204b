import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { type Agent, request as send } from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";

/** Keys to sign with, as the SDK takes them (the test kit is below every package it tests: no import of theirs). */
export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const bytes = (data: string | ArrayBuffer | ArrayBufferView) =>
  typeof data === "string"
    ? data
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** SHA-256 as the SDK's signer asks for it, from node:crypto. */
class NodeSha256 {
  private readonly digester: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.digester = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.digester.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.digester.digest());
  }
}

/** The SDK's own SigV4 signer (@smithy/signature-v4): the independent implementation the checks are held to. */
export const sdkSigner = (credentials: Credential, service: string, region = "us-east-1") =>
  new SignatureV4({ credentials, region, service, sha256: NodeSha256, uriEscapePath: service !== "s3" });

export interface RawRequest {
  /** The whole URL; its path and query are sent exactly as written (no normalisation of `..`). */
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sign with these credentials as `service`; unsigned when absent. */
  signAs?: { credential: Credential; service: string; region?: string };
  /** A keep-alive agent to reuse connections; by default each request has a connection of its own. */
  agent?: Agent;
  timeoutMs?: number;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as UTF-8 text, and as it came. */
  body: string;
  bytes: Buffer;
}

/**
 * Sends one HTTP request as written (any method, Host header, path and body; fetch would normalise or refuse
 * some), signed by the SDK's signer when asked: the raw forms an attacker or a hand-written client would
 * send, which the SDK's own clients would normalise or refuse to build.
 */
export async function rawRequest(request: RawRequest): Promise<RawAnswer> {
  const url = new URL(request.url);
  const pathAt = request.url.indexOf("/", url.protocol.length + 2);
  const target = pathAt === -1 ? "/" : request.url.slice(pathAt);
  const queryAt = target.indexOf("?");
  const method = request.method ?? "GET";
  let headers: Record<string, string> = { host: url.host, ...request.headers };
  if (request.signAs) {
    const query: Record<string, string> = {};
    for (const part of (queryAt === -1 ? "" : target.slice(queryAt + 1)).split("&").filter(Boolean)) {
      const at = part.indexOf("=");
      query[decodeURIComponent(at === -1 ? part : part.slice(0, at))] =
        at === -1 ? "" : decodeURIComponent(part.slice(at + 1));
    }
    const { service, credential, region } = request.signAs;
    if (service === "s3") headers["x-amz-content-sha256"] ??= "UNSIGNED-PAYLOAD";
    const signed = await sdkSigner(credential, service, region).sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: queryAt === -1 ? target : target.slice(0, queryAt),
      query,
      headers,
      body: request.body,
    });
    headers = signed.headers;
  }
  if (request.body !== undefined)
    // Node's client frames a GET's body with no length at all, which a server then reads as a second,
    // broken request: a length always frames it.
    headers["content-length"] ??= String(Buffer.byteLength(request.body));
  const timeoutMs = request.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: target,
        headers,
        timeout: timeoutMs,
        agent: request.agent ?? false,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: bytes.toString(), bytes });
        });
        answer.on("error", reject);
      },
    );
    outgoing.on("timeout", () =>
      outgoing.destroy(new Error(`${request.url} did not answer in ${timeoutMs} ms`)),
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}
