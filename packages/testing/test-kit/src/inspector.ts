import { request } from "node:http";
import { type AddressInfo, createServer } from "node:net";

/** A port nobody listens on now: the system picks it, then lets it go for the inspector to take. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

/** The Node inspector's list of debugging targets on a port (its /json/list), or the error reaching it failed with. */
export const inspectorTargets = (port: number) =>
  new Promise<unknown>((resolve, reject) => {
    request({ host: "127.0.0.1", port, path: "/json/list", timeout: 2000 }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve(JSON.parse(body)));
    })
      .on("error", reject)
      .end();
  });
