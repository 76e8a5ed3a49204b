import type { Agent } from "node:http";
import { rawRequest } from "@holonet/test-kit/raw-request";

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

/** One request to a loopback base URL, with node:http so that methods, paths and headers go out unchanged. */
export async function sendRaw(baseUrl: string, raw: RawRequest): Promise<RawResponse> {
  const answer = await rawRequest({
    url: new URL(baseUrl).origin + raw.path,
    method: raw.method,
    ...(raw.headers && { headers: raw.headers }),
    ...(raw.body !== undefined && { body: raw.body }),
    ...(raw.agent && { agent: raw.agent }),
  });
  return { status: answer.status, headers: answer.headers, body: answer.bytes };
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
