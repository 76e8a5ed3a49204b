import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Starts a server on 127.0.0.1 (port 0: any free one) and answers its URL and a close that ends keep-alives too. */
export async function listenOnLoopback(server: Server, port: number) {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject).listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
