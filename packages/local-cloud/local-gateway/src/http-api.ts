import { createServer, STATUS_CODES } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { BAD_REQUEST, type GatewayError, HEADERS_TOO_LARGE } from "./gateway-errors";
import { createGatewayHandler } from "./gateway-handler";
import type { HttpApiOptions } from "./http-api-options";

// Its settings, for whoever starts the API (the local cloud) to import from here.
export type { CorsSettings, GatewayRecord, GatewayRoute, HttpApiOptions } from "./http-api-options";

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
