import { createServer, type IncomingMessage, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import bodyParser from "body-parser";
import express from "express";

export type HttpsHandler = (req: express.Request, res: express.Response) => unknown;

export interface FirebaseHarness {
  /** The emulator's URL of a function: `http://127.0.0.1:<port>/<project>/<region>/<name>`. */
  url(name: string): string;
  close(): Promise<void>;
}

const PROJECT = "demo-holonet";
const REGION = "us-central1";
const LIMIT = "10mb";

/**
 * Firebase's HTTPS functions as its emulator serves them (firebase-tools src/emulator/functionsEmulator.ts
 * and functionsEmulatorRuntime.ts, https://github.com/firebase/firebase-tools): the URL
 * `/<project>/<region>/<function>/<rest>`, whose prefix is dropped "to match production behavior"; then an
 * Express app with "trust proxy", the json, text, urlencoded and raw (any type) body parsers at 10 MB each,
 * each keeping the bytes as `req.rawBody`, in front of the `onRequest` function.
 */
export async function startFirebaseHarness(
  functions: Record<string, HttpsHandler>,
): Promise<FirebaseHarness> {
  const runtimes = new Map<string, RequestListener>();
  for (const [name, handler] of Object.entries(functions)) runtimes.set(name, functionRuntime(handler));

  const server = createServer((req, res) => {
    const target = req.url ?? "/";
    const queryAt = target.indexOf("?");
    const [, project, region, name = "", ...rest] = (
      queryAt === -1 ? target : target.slice(0, queryAt)
    ).split("/");
    const runtime = project === PROJECT && region === REGION ? runtimes.get(name) : undefined;
    if (!runtime) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end(
        `Function ${region}-${name} does not exist, valid functions are: ${[...runtimes.keys()].join(", ")}`,
      );
      return;
    }
    // `/<project>/<region>/<name>/rest?query` -> `/rest?query`: the function's own root is `/`.
    req.url = `/${rest.join("/")}${queryAt === -1 ? "" : target.slice(queryAt)}`;
    runtime(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${PROJECT}/${REGION}/${name}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function functionRuntime(handler: HttpsHandler): RequestListener {
  const saveRawBody = (req: IncomingMessage, _res: unknown, buffer: Buffer) => {
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buffer;
  };
  const app = express();
  app.enable("trust proxy");
  app.use(bodyParser.json({ limit: LIMIT, verify: saveRawBody }));
  app.use(bodyParser.text({ limit: LIMIT, verify: saveRawBody }));
  app.use(bodyParser.urlencoded({ extended: true, limit: LIMIT, verify: saveRawBody }));
  app.use(bodyParser.raw({ type: "*/*", limit: LIMIT, verify: saveRawBody }));
  app.use((req, res, next) => {
    Promise.resolve(handler(req, res)).catch(next);
  });
  return app;
}
