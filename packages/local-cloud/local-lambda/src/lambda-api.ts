import { randomUUID } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type AwsEndpoint, checkAwsRequest, sendRefusal } from "@holonet/local-auth/aws-request-guard";
import { createAlias, deleteAlias, getAlias, listAliases, updateAlias } from "./alias-operations";
import { errorResponse, invalidRequestContent, LambdaApiError, resourceNotFound } from "./api-errors";
import {
  deleteFunctionConcurrency,
  getFunctionConcurrency,
  putFunctionConcurrency,
} from "./concurrency-operations";
import { parseFunctionRef } from "./function-names";
import {
  createFunction,
  deleteFunction,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  listVersionsByFunction,
  type OperationsContext,
  publishVersion,
  updateFunctionCode,
  updateFunctionConfiguration,
} from "./function-operations";
import type { InvokeRequest, InvokeResult } from "./invoke-request";

export interface ApiContext extends OperationsContext {
  accountConcurrency: number;
  /** Who may call the API: requests signed with the local cloud's credentials, to a loopback host. */
  auth: AwsEndpoint;
  invoke: (request: InvokeRequest) => Promise<InvokeResult>;
}

interface Request {
  params: string[];
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

interface Reply {
  status: number;
  json?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

type Route = [
  method: string,
  path: RegExp,
  answer: (ctx: ApiContext, request: Request) => Reply | Promise<Reply>,
];

const FN = "([^/]+)";
const functions = (rest = "") => new RegExp(`^/2015-03-31/functions${rest}/?$`);
// PutFunctionConcurrency and DeleteFunctionConcurrency use 2017-10-31, GetFunctionConcurrency 2019-09-30.
const concurrency = new RegExp(`^/20[0-9-]+/functions/${FN}/concurrency/?$`);
/** Code.Location of GetFunction: where the deployment package can be downloaded again. */
export const CODE_PATH = /^\/_local\/code\/([^/]+)\/([0-9a-f]{64})\.zip$/;

const ok = (json: unknown, status = 200): Reply => ({ status, json });
/** Runs an operation that answers nothing: 204. */
const noContent = (operation: () => void): Reply => {
  operation();
  return { status: 204 };
};
const ref = (request: Request) =>
  parseFunctionRef(request.params[0] ?? "", request.query.get("Qualifier") ?? undefined);
const maxItems = (request: Request) => {
  const value = request.query.get("MaxItems");
  return value === null ? undefined : Number.parseInt(value, 10);
};
const marker = (request: Request) => request.query.get("Marker") ?? undefined;

function json(request: Request): unknown {
  if (request.body.length === 0) return {};
  try {
    return JSON.parse(request.body.toString("utf8"));
  } catch {
    throw invalidRequestContent("Could not parse request body into json");
  }
}

async function invoke(ctx: ApiContext, request: Request): Promise<Reply> {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const result = await ctx.invoke({
    functionName: request.params[0] ?? "",
    ...(request.query.get("Qualifier") && { qualifier: request.query.get("Qualifier") ?? undefined }),
    payload: request.body,
    invocationType: (header("x-amz-invocation-type") ?? "RequestResponse") as InvokeRequest["invocationType"],
    logType: (header("x-amz-log-type") ?? "None") as InvokeRequest["logType"],
    // The SDK sends the caller's trace header when it runs inside a traced function.
    ...(header("x-amzn-trace-id") && { traceHeader: header("x-amzn-trace-id") }),
  });
  return {
    status: result.statusCode,
    raw: result.payload,
    headers: {
      "Content-Type": "application/json",
      "X-Amz-Executed-Version": result.executedVersion,
      ...(result.functionError && { "X-Amz-Function-Error": result.functionError }),
      ...(result.logResult !== undefined && { "X-Amz-Log-Result": result.logResult }),
    },
  };
}

const ROUTES: Route[] = [
  ["POST", functions(), (ctx, r) => ok(createFunction(ctx, json(r)), 201)],
  ["GET", functions(), (ctx, r) => ok(listFunctions(ctx, marker(r), maxItems(r)))],
  ["GET", functions(`/${FN}`), (ctx, r) => ok(getFunction(ctx, ref(r)))],
  ["DELETE", functions(`/${FN}`), (ctx, r) => noContent(() => deleteFunction(ctx, ref(r)))],
  ["GET", functions(`/${FN}/configuration`), (ctx, r) => ok(getFunctionConfiguration(ctx, ref(r)))],
  [
    "PUT",
    functions(`/${FN}/configuration`),
    (ctx, r) => ok(updateFunctionConfiguration(ctx, ref(r), json(r))),
  ],
  ["PUT", functions(`/${FN}/code`), (ctx, r) => ok(updateFunctionCode(ctx, ref(r), json(r)))],
  ["POST", functions(`/${FN}/versions`), (ctx, r) => ok(publishVersion(ctx, ref(r), json(r)), 201)],
  [
    "GET",
    functions(`/${FN}/versions`),
    (ctx, r) => ok(listVersionsByFunction(ctx, ref(r), marker(r), maxItems(r))),
  ],
  ["POST", functions(`/${FN}/aliases`), (ctx, r) => ok(createAlias(ctx, ref(r), json(r)), 201)],
  [
    "GET",
    functions(`/${FN}/aliases`),
    (ctx, r) =>
      ok(
        listAliases(ctx, ref(r), {
          functionVersion: r.query.get("FunctionVersion") ?? undefined,
          marker: marker(r),
          maxItems: maxItems(r),
        }),
      ),
  ],
  ["GET", functions(`/${FN}/aliases/${FN}`), (ctx, r) => ok(getAlias(ctx, ref(r), r.params[1] ?? ""))],
  [
    "PUT",
    functions(`/${FN}/aliases/${FN}`),
    (ctx, r) => ok(updateAlias(ctx, ref(r), r.params[1] ?? "", json(r))),
  ],
  [
    "DELETE",
    functions(`/${FN}/aliases/${FN}`),
    (ctx, r) => noContent(() => deleteAlias(ctx, ref(r), r.params[1] ?? "")),
  ],
  ["POST", functions(`/${FN}/invocations`), invoke],
  ["PUT", concurrency, (ctx, r) => ok(putFunctionConcurrency(ctx, ref(r), json(r), ctx.accountConcurrency))],
  ["GET", concurrency, (ctx, r) => ok(getFunctionConcurrency(ctx, ref(r)))],
  ["DELETE", concurrency, (ctx, r) => noContent(() => deleteFunctionConcurrency(ctx, ref(r)))],
];

/** 50 MB zipped, base64 in a JSON body, is Lambda's largest request (CreateFunction with ZipFile). */
const MAX_BODY_BYTES = 70_167_211;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () =>
      size > MAX_BODY_BYTES
        ? reject(
            new LambdaApiError(
              "RequestEntityTooLargeException",
              413,
              `Request must be smaller than ${MAX_BODY_BYTES} bytes`,
            ),
          )
        : resolve(Buffer.concat(chunks)),
    );
    request.on("error", reject);
  });
}

/** The HTTP side of the service: Lambda's REST paths, status codes, headers and error shapes. */
export function lambdaApiHandler(ctx: ApiContext) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    const url = new URL(request.url ?? "/", "http://localhost");
    const send = (reply: Reply) => {
      const body =
        reply.raw ?? (reply.json === undefined ? undefined : Buffer.from(JSON.stringify(reply.json)));
      response.writeHead(reply.status, {
        "x-amzn-RequestId": requestId,
        ...(body && { "Content-Type": "application/json", "Content-Length": String(body.length) }),
        ...reply.headers,
      });
      response.end(body);
    };
    try {
      const body = await readBody(request);
      const refusal = checkAwsRequest(ctx.auth, request, body);
      if (refusal) return sendRefusal(response, refusal);
      const code = CODE_PATH.exec(url.pathname);
      if (request.method === "GET" && code) return sendZip(ctx, code, response);
      for (const [method, path, answer] of ROUTES) {
        const match = method === request.method ? path.exec(url.pathname) : null;
        if (!match) continue;
        const params = match.slice(1).map((param) => decodeURIComponent(param));
        return send(await answer(ctx, { params, query: url.searchParams, headers: request.headers, body }));
      }
      throw new LambdaApiError(
        "UnknownOperationException",
        404,
        `Unknown operation ${request.method} ${url.pathname}`,
      );
    } catch (error) {
      const { status, headers, body } = errorResponse(error);
      send({ status, raw: Buffer.from(body), headers: { "Content-Type": "application/json", ...headers } });
    }
  };
}

function sendZip(ctx: ApiContext, match: RegExpExecArray, response: ServerResponse): void {
  const [, name = "", key = ""] = match;
  const fn = ctx.store.get(decodeURIComponent(name));
  const zip = fn ? ctx.store.zipPath(fn.name, key) : undefined;
  if (!zip || !existsSync(zip)) {
    const { status, headers, body } = errorResponse(resourceNotFound("No such code package"));
    response.writeHead(status, headers).end(body);
    return;
  }
  response.writeHead(200, { "Content-Type": "application/zip" });
  createReadStream(zip).pipe(response);
}
