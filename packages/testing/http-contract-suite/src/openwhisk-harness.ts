import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebActionParams, WebActionResult } from "@holonet/platform-adapters/openwhisk-adapter";
import { isBase64Body } from "@holonet/platform-adapters/openwhisk-media-types";

export type WebAction = (params: WebActionParams) => Promise<WebActionResult>;

export interface OpenWhiskHarness {
  /** A raw web action's URL: `http://127.0.0.1:<port>/api/v1/web/guest/default/<action>`. */
  url(action: string): string;
  close(): Promise<void>;
}

const NAMESPACE = "guest";
const PACKAGE = "default";
const WEB_PREFIX = `/api/v1/web/${NAMESPACE}/${PACKAGE}/`;

/**
 * OpenWhisk's controller for raw HTTP web actions, on loopback, as its WebActions.scala builds them
 * (https://github.com/apache/openwhisk/blob/master/core/controller/src/main/scala/org/apache/openwhisk/core/controller/WebActions.scala,
 * docs/webactions.md): the URL `/api/v1/web/<namespace>/<package>/<action>[.http]/<rest>`; `__ow_method` in
 * lower case; `__ow_headers` with lower-case names, without Content-Length (Akka keeps it in the entity)
 * and with the entity's Content-Type, `application/octet-stream` for a body sent with none; `__ow_path`
 * the rest of the path; `__ow_query` unparsed; `__ow_body` the empty string for no body, base64 for
 * binary and JSON bodies, else plain text. The result's statusCode, headers and body become the answer.
 * Like an action container with the default concurrency of 1, it runs one activation at a time, each with
 * its own `__OW_ACTIVATION_ID`.
 */
export async function startOpenWhiskHarness(actions: Record<string, WebAction>): Promise<OpenWhiskHarness> {
  let queue: Promise<unknown> = Promise.resolve();
  const activate = (action: WebAction, params: WebActionParams, activationId: string) => {
    const run = queue.then(async () => {
      process.env.__OW_ACTIVATION_ID = activationId;
      try {
        return await action(params);
      } finally {
        delete process.env.__OW_ACTIVATION_ID;
      }
    });
    queue = run.catch(() => {});
    return run;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "The action did not produce a valid response." }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const [target = "", query] = (req.url ?? "/").split(/\?(.*)/s, 2);
    const named = target.startsWith(WEB_PREFIX) ? target.slice(WEB_PREFIX.length) : "";
    const slash = named.indexOf("/");
    const actionName = (slash === -1 ? named : named.slice(0, slash)).replace(/\.http$/, "");
    const action = actions[actionName];
    if (!action) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "The requested resource does not exist." }));
      return;
    }
    const body = await readBody(req);
    const activationId = randomBytes(16).toString("hex");
    const result = await activate(
      action,
      webActionParams(req, body, slash === -1 ? "" : named.slice(slash), query ?? ""),
      activationId,
    );
    writeResult(res, result, activationId);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (action) => `http://127.0.0.1:${port}${WEB_PREFIX}${action}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function webActionParams(req: IncomingMessage, body: Buffer, path: string, query: string): WebActionParams {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "content-length" || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  if (body.length > 0) headers["content-type"] ??= "application/octet-stream";
  return {
    __ow_method: (req.method ?? "GET").toLowerCase(),
    __ow_headers: headers,
    __ow_path: path,
    __ow_query: query,
    __ow_body:
      body.length === 0 ? "" : body.toString(isBase64Body(headers["content-type"]) ? "base64" : "utf8"),
  };
}

/** The controller's reading of a result (resultAsHttp): no body means an empty answer, 204 unless a status is given. */
function writeResult(res: ServerResponse, result: WebActionResult, activationId: string) {
  const headers: Record<string, string> = { "x-openwhisk-activation-id": activationId };
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.body === undefined || result.body === "") {
    delete headers["content-type"];
    res.writeHead(result.statusCode ?? 204, headers);
    res.end();
    return;
  }
  headers["content-type"] ??= "text/html";
  const bytes = Buffer.from(
    result.body,
    decodesBase64(headers["content-type"], result.body) ? "base64" : "utf8",
  );
  res.writeHead(result.statusCode ?? 200, { ...headers, "content-length": String(bytes.length) });
  res.end(bytes);
}

/** Binary types are decoded from base64; so is a JSON-family body that is base64 (the controller's legacy rule). */
function decodesBase64(contentType: string, body: string): boolean {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const jsonFamily = type === "application/json" || type.endsWith("+json");
  if (!jsonFamily) return isBase64Body(contentType);
  const trimmed = body.trim();
  return trimmed.length > 0 && trimmed.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(trimmed);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
