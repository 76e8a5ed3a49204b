import { request as httpRequest, type OutgoingHttpHeaders } from "node:http";
import type { APIGatewayProxyEventV2 } from "@aws-lambda-powertools/parser/types";
import type { InvocationOutcome } from "@holonet/local-lambda/lambda-service";
import { type CorsSettings, type HttpApi, type HttpApiOptions, startHttpApi } from "../src/http-api";

export const QUOTE_ROUTES: HttpApiOptions["routes"] = [
  { method: "GET", path: "/quote", target: { functionName: "holonet-quote", qualifier: "dev" } },
  { method: "POST", path: "/quotes", target: { functionName: "holonet-store-save", qualifier: "dev" } },
  { method: "GET", path: "/quotes/{id}", target: { functionName: "holonet-store-get", qualifier: "dev" } },
  { method: "GET", path: "/quotes", target: { functionName: "holonet-store-get", qualifier: "dev" } },
  { method: "ANY", path: "/files/{proxy+}", target: { functionName: "files", qualifier: "dev" } },
];

export const CORS: CorsSettings = {
  allowOrigins: ["http://127.0.0.1:8080"],
  allowMethods: ["GET", "POST"],
  allowHeaders: ["content-type", "if-none-match"],
  exposeHeaders: ["etag", "location"],
  maxAgeSeconds: 300,
  allowCredentials: true,
};

export interface TestApi {
  api: HttpApi;
  /** The events as the functions received them (JSON, unchecked: the tests check them). */
  events: APIGatewayProxyEventV2[];
  targets: HttpApiOptions["routes"][number]["target"][];
  /** The trace header each invocation was given. */
  traces: string[];
  close(): Promise<void>;
}

const json = (value: unknown): InvocationOutcome => ({
  kind: "answered",
  payload: Buffer.from(JSON.stringify(value)),
});

/** Starts a gateway whose functions record their event and answer with `answer` (by default a 200 echo). */
export async function startTestApi(
  overrides: Partial<HttpApiOptions> & {
    answer?: (event: Record<string, unknown>) => Promise<InvocationOutcome> | InvocationOutcome;
  } = {},
): Promise<TestApi> {
  const events: APIGatewayProxyEventV2[] = [];
  const targets: TestApi["targets"] = [];
  const traces: string[] = [];
  const { answer, ...options } = overrides;
  const api = await startHttpApi({
    routes: QUOTE_ROUTES,
    cors: CORS,
    throttling: { rateLimit: 10_000, burstLimit: 5_000 },
    payloadLimitBytes: 10 * 1024 * 1024,
    integrationTimeoutSeconds: 30,
    invoke: async (target, event, { traceHeader }) => {
      traces.push(traceHeader);
      // What the function gets: the text, parsed; the value beside it must be what that text was made from.
      const parsed = JSON.parse(event.json) as Record<string, unknown>;
      if (JSON.stringify(event.value) !== event.json) throw new Error("The event's value is not its text's.");
      events.push(parsed as unknown as APIGatewayProxyEventV2);
      targets.push(target);
      return answer ? answer(parsed) : json({ statusCode: 200, body: "ok" });
    },
    ...options,
  });
  return { api, events, targets, traces, close: () => api.close() };
}

export { json };

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request through node:http, for what fetch cannot send: repeated headers, raw paths, chunked bodies. */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: OutgoingHttpHeaders; body?: Buffer | string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${options.path}`, {
      method: options.method ?? "GET",
      headers: options.headers,
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    req.end(options.body);
  });
}
