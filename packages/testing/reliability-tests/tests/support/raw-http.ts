import { type Agent, request } from "node:http";

export interface RawRequest {
  method: string;
  /** Sent as is: no normalisation of dot segments or encoded slashes, unlike fetch. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A keep-alive agent to reuse connections; by default each request has a connection of its own. */
  agent?: Agent;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const TIMEOUT_MS = 15_000;

/** One request to a loopback base URL, with node:http so that methods, paths and headers go out unchanged. */
export function sendRaw(baseUrl: string, raw: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: raw.method,
        path: raw.path,
        // Node's client frames a GET's body with no length at all, which the server then reads as a second,
        // broken request: a length always frames it.
        headers: {
          ...raw.headers,
          ...(raw.body !== undefined && { "content-length": String(Buffer.byteLength(raw.body)) }),
        },
        timeout: TIMEOUT_MS,
        agent: raw.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`No answer within ${TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(raw.body);
  });
}

/** POST /quotes with a JSON body: a save, as the website sends it. */
export const postQuote = (baseUrl: string, quote: unknown, agent?: Agent) =>
  sendRaw(baseUrl, {
    method: "POST",
    path: "/quotes",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(quote),
    ...(agent && { agent }),
  });
