import type { FunctionName } from "@holonet/contracts/functions";
import type { Answer, ContractTarget } from "./contract-target";

export interface Call {
  service: FunctionName;
  method: "GET" | "POST" | "DELETE";
  /** The resource path with its query: `/quotes?limit=2`. */
  path: string;
  headers?: Record<string, string>;
  /** Bytes, so that fetch adds no Content-Type of its own. */
  body?: string;
}

/** Sends one request to the target, over real HTTP on loopback. */
export async function call(target: ContractTarget, request: Call): Promise<Answer> {
  const response = await fetch(`${target.url(request.service)}${request.path}`, {
    method: request.method,
    headers: request.headers ?? {},
    ...(request.body !== undefined && { body: new TextEncoder().encode(request.body) }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export const json = (body: unknown) => ({
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
