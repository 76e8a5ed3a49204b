import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { httpAnswerer } from "./answer-http";
import { type AdapterOptions, flattenHeaders, type PlatformRequest } from "./platform-http";
import { splitTarget } from "./raw-query";

/**
 * The request as the Functions Framework (and so Cloud Run functions and Firebase's v2 HTTPS functions)
 * hands it over: an Express request whose body its parsers have read, keeping the bytes as `rawBody`
 * (https://cloud.google.com/functions/docs/writing/write-http-functions#parse_http), and `executionId`
 * from the `function-execution-id` header or made up.
 */
export interface ExpressLikeRequest extends IncomingMessage {
  rawBody?: Buffer;
  executionId?: string;
}

/** An Express-style `(req, res)` handler serving the service, for the platforms that run on the Functions Framework. */
export function expressHandler(options: AdapterOptions) {
  const answer = httpAnswerer(options);
  return async (req: ExpressLikeRequest, res: ServerResponse): Promise<void> => {
    const response = await answer(await fromExpressRequest(req));
    res.writeHead(response.statusCode, {
      ...response.headers,
      "content-length": String(response.body.length),
    });
    res.end(response.body);
  };
}

async function fromExpressRequest(req: ExpressLikeRequest): Promise<PlatformRequest> {
  const { rawPath, rawQuery } = splitTarget(req.url ?? "/");
  const body = req.rawBody ?? (await readUnparsedBody(req));
  return {
    method: (req.method ?? "GET").toUpperCase(),
    rawPath,
    rawQuery,
    headers: flattenHeaders(req.headers),
    body: body && body.length > 0 ? body : undefined,
    requestId: req.executionId ?? randomUUID(),
  };
}

/**
 * A request without a Content-Type passes every body parser by, so no `rawBody` is kept and the stream is
 * still unread. The services read such a body as JSON (lambda-kit's json-body.ts), so it is read here.
 */
function readUnparsedBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.readableEnded) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
