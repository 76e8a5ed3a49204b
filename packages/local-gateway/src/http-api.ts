import { createServer, STATUS_CODES } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { BAD_REQUEST, type GatewayError, HEADERS_TOO_LARGE } from "./gateway-errors";
import { createGatewayHandler } from "./gateway-handler";

export interface GatewayRoute {
  method: string;
  /** `/quotes/{id}`; a greedy `{proxy+}` may end it; `$default` catches what no other route does. */
  path: string;
  target: { functionName: string; qualifier: string };
}

export interface CorsSettings {
  allowOrigins: string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
  allowCredentials?: boolean;
}

/**
 * What Lambda made of one invocation. Each failure reaches the client as the same 500, as API Gateway
 * answers it; the kinds differ in what the gateway records of why (`GatewayRecord.integrationError`).
 */
export type InvokeOutcome =
  /** The function ran and returned: its result, for the payload format to map. */
  | { kind: "answered"; payload: Buffer }
  /** The function ran and failed (its error, a timeout, a crash): Lambda's error payload. */
  | { kind: "function-error"; payload: Buffer }
  /** Lambda refused to run it for want of concurrency (TooManyRequestsException), with its Reason. */
  | { kind: "throttled"; reason: string }
  /** The Lambda API refused the invocation for another reason, e.g. RequestEntityTooLargeException. */
  | { kind: "refused"; errorType: string };

export interface HttpApiOptions {
  /** 0 (the default) for any free port; the API listens on 127.0.0.1 only. */
  port?: number;
  routes: GatewayRoute[];
  /** Absent: no CORS handling at all, as on an API with no CORS configuration. */
  cors?: CorsSettings;
  throttling: { rateLimit: number; burstLimit: number };
  /** 10 MB on AWS. */
  payloadLimitBytes: number;
  /** 30 on AWS. */
  integrationTimeoutSeconds: number;
  /**
   * Invokes the route's function with the event (JSON bytes) and the request's trace header, and says what
   * became of it. A rejection is a fault of the invoke itself, answered with a 500 like any failure.
   */
  invoke: (
    target: GatewayRoute["target"],
    event: Buffer,
    trace: { traceHeader: string },
  ) => Promise<InvokeOutcome>;
  apiId?: string;
  region?: string;
  accountId?: string;
  onRequest?: (record: GatewayRecord) => void;
}

/** One request the API answered, for the local cloud's logs, metrics and traces. */
export interface GatewayRecord {
  requestId: string;
  /** Epoch ms when the request arrived. */
  startedAt: number;
  /** Set once the request was routed to an integration. */
  traceHeader?: string;
  method: string;
  path: string;
  routeKey: string | null;
  status: number;
  latencyMs: number;
  integrationLatencyMs?: number;
  /**
   * Why the integration failed, when it did: what an HTTP API's access log shows as
   * `$context.integrationErrorMessage` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
   */
  integrationError?: string;
}

export interface HttpApi {
  url: string;
  close(): Promise<void>;
}

/**
 * An API Gateway HTTP API on 127.0.0.1: the `$default` stage (no stage in paths), Lambda integrations with
 * payload format 2.0, CORS, throttling, the payload limit, the integration timeout and AWS's own answers.
 */
export async function startHttpApi(options: HttpApiOptions): Promise<HttpApi> {
  const sockets = new Set<Socket>();
  let port = 0;
  const handler = createGatewayHandler(options, () => port);
  const server = createServer(handler);
  // Node closes an idle keep-alive connection after 5 s; a client that reuses it at that moment sees
  // "socket hang up". Keeping idle connections longer, as load balancers in front of APIs do, makes that
  // race rarer for clients that pause (between throttled retries, say); the header time-out stays above it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  // What Node's parser refuses (a broken request line, headers past its limit) still gets a JSON answer.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    // An answer to HEAD has no body (RFC 9110 9.3.2): a client would read one as a broken next response.
    const head = (error as { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString() === "HEAD ";
    socket.end(rawResponse(error.code === "HPE_HEADER_OVERFLOW" ? HEADERS_TOO_LARGE : BAD_REQUEST, { head }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const rawResponse = (error: GatewayError, { head }: { head: boolean }) =>
  Buffer.concat([
    Buffer.from(
      `HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode]}\r\ncontent-type: application/json\r\n` +
        `content-length: ${error.body.length}\r\nconnection: close\r\n\r\n`,
    ),
    head ? Buffer.alloc(0) : error.body,
  ]);
