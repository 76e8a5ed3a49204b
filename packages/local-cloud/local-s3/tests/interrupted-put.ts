import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { type ClientRequest, type IncomingMessage, request } from "node:http";
import type { Credential } from "@holonet/local-auth/signature-v4";
import { sdkSigner } from "@holonet/test-kit/raw-request";

/** A PUT whose client has sent the first half of its body and holds the rest back. */
export interface HeldPut {
  /** Sends the rest of the body; answers the response's status. */
  finish(): Promise<number>;
  /**
   * Destroys the connection before the rest is sent, as a client that crashes; resolves once the server saw it
   * go. Does nothing once the rest was sent.
   */
  cut(): Promise<void>;
}

/** How long the server may take to read what was sent: a bound on the waits, never reached when it works. */
const READ_LIMIT_MS = 5000;

/**
 * Starts a signed PUT of `body` with its whole Content-Length, sends the first half, and resolves once the
 * local S3 (in this process) has read that half off the socket and its handler has taken it from the request.
 */
export async function holdPutHalfway(
  endpoint: string,
  credential: Credential,
  objectPath: string,
  body: Buffer,
) {
  const url = new URL(`${endpoint}${objectPath}`);
  const headers = await signedPutHeaders(url, credential, body.length);
  const serverSide = nextServerRequest(objectPath);
  const client = request({ host: url.hostname, port: url.port, method: "PUT", path: objectPath, headers });
  const status = new Promise<number>((resolve, reject) => {
    client.on("response", (response) => resolve(response.resume().statusCode ?? 0)).on("error", reject);
  });
  const half = Math.floor(body.length / 2);
  await new Promise<void>((resolve, reject) =>
    client.write(body.subarray(0, half), (e) => (e ? reject(e) : resolve())),
  );
  const incoming = await serverSide;
  await readByServer(client, incoming);
  return heldPut(client, incoming, body.subarray(half), status);
}

function heldPut(
  client: ClientRequest,
  incoming: IncomingMessage,
  rest: Buffer,
  status: Promise<number>,
): HeldPut {
  let sent = false;
  return {
    finish: () => {
      sent = true;
      client.end(rest);
      return status;
    },
    cut: async () => {
      if (sent) return;
      sent = true;
      const closed = new Promise<void>((resolve) => incoming.once("close", resolve));
      status.catch(() => {});
      client.destroy();
      await closed;
    },
  };
}

/** Signed as the SDK signs an S3 PUT with an unsigned payload, so that the body can come in pieces. */
async function signedPutHeaders(url: URL, credential: Credential, length: number) {
  const signed = await sdkSigner(credential, "s3").sign({
    method: "PUT",
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: {
      host: url.host,
      "content-length": String(length),
      "content-type": "text/plain",
      "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
    },
  });
  return signed.headers;
}

/** The server's side of the next request for `objectPath` that any server in this process receives. */
function nextServerRequest(objectPath: string): Promise<IncomingMessage> {
  return new Promise((resolve) => {
    const seen = (message: unknown) => {
      const { request: incoming } = message as { request: IncomingMessage };
      if (incoming.method !== "PUT" || incoming.url !== objectPath) return;
      unsubscribe("http.server.request.start", seen);
      resolve(incoming);
    };
    subscribe("http.server.request.start", seen);
  });
}

/** Until the server's socket has read every byte the client wrote, and the handler has taken them all. */
async function readByServer(client: ClientRequest, incoming: IncomingMessage) {
  const until = Date.now() + READ_LIMIT_MS;
  const read = () =>
    incoming.socket.bytesRead >= (client.socket?.bytesWritten ?? Number.POSITIVE_INFINITY) &&
    incoming.readableLength === 0;
  while (!read()) {
    if (Date.now() > until) throw new Error("The server did not read the first half of the body in time.");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
