import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";

export interface ServingFunction {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a function registered with the Functions Framework (`http(name, fn)`) on the framework's own
 * server: the Express app with its body parsers and execution-id middleware that its CLI and Cloud Run
 * functions run (`getServer`, reached through its testing entry point). Started in-process rather than as
 * `functions-framework --target`, whose CLI has no host option and would listen on every interface.
 */
export async function startFunctionsFramework(options: {
  target: string;
  port: number;
  host: string;
}): Promise<ServingFunction> {
  const server = getTestServer(options.target);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
