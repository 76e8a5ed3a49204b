import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The physical limit: node:http answering a fixed answer (the same status, headers and JSON bytes the
 * gateway gives) with no work at all. Idle connections are kept as long as the gateway keeps them.
 */
export async function startBareServer(answer: {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}): Promise<BareServer> {
  const headers = { ...answer.headers, "content-length": String(answer.body.length) };
  const server = createServer((_req, res) => {
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
