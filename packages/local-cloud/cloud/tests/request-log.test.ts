import type { GatewayRecord } from "@holonet/local-gateway/http-api";
import type { InvocationRecord } from "@holonet/local-lambda/lambda-service";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRequestLog } from "../src/request-log";

const LAMBDA_REQUEST = "600af9e0-cc6e-4a91-ae34-c5f124e28f7d";
const API_REQUEST = "w5wtQghpxZkjsu8=";

const httpEvent = {
  version: "2.0",
  rawPath: "/quote",
  rawQueryString: "isJedi=true",
  requestContext: { requestId: API_REQUEST, http: { method: "GET" } },
};
const invocation = (event: unknown): InvocationRecord => ({
  functionName: "holonet-quote",
  qualifier: "dev",
  requestId: LAMBDA_REQUEST,
  version: "2",
  startedAt: 0,
  event,
  result: {},
  durationMs: 0.9,
  billedDurationMs: 1,
  memoryMb: 128,
  coldStart: false,
});
const request: GatewayRecord = {
  requestId: API_REQUEST,
  startedAt: 0,
  method: "GET",
  path: "/quote",
  routeKey: "GET /quote",
  status: 200,
  latencyMs: 8.1,
};
const logEntry = (text: string) => ({
  functionName: "holonet-quote",
  version: "2",
  logGroup: "/holonet/dev/quote",
  requestId: LAMBDA_REQUEST,
  text,
});

function recording() {
  const lines: string[] = [];
  const log = createRequestLog({ write: (line) => lines.push(line), style: { color: false }, holdMs: 1000 });
  return { lines, log };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the terminal's request log", () => {
  it("prints a function's lines under the request they answered, in that order, though they come first", () => {
    const { lines, log } = recording();
    log.functionLog(logEntry(`START RequestId: ${LAMBDA_REQUEST} Version: 2`));
    log.functionLog(logEntry(JSON.stringify({ level: "INFO", message: "Quote served" })));
    log.functionLog(logEntry(`END RequestId: ${LAMBDA_REQUEST}`));
    log.invocation(invocation(httpEvent));
    expect(lines).toEqual([]);
    log.request(request);
    expect(lines).toEqual(["GET /quote?isJedi=true -> 200 in 8.1 ms (quote v2)", "    INFO  Quote served"]);
  });

  it("prints a direct invocation at once, as its own line", () => {
    const { lines, log } = recording();
    log.invocation(invocation({ isJedi: true }));
    expect(lines).toEqual(["INVOKE quote:dev -> answered in 0.9 ms (v2)"]);
  });

  it("prints an HTTP event's invocation alone when no API request claims it in time", () => {
    vi.useFakeTimers();
    const { lines, log } = recording();
    log.invocation(invocation(httpEvent));
    vi.advanceTimersByTime(999);
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(lines).toEqual(["INVOKE quote:dev for GET /quote -> answered in 0.9 ms (v2)"]);
    // The request, should it come after all, is a line of its own: nothing is printed twice.
    log.request(request);
    expect(lines).toHaveLength(2);
  });

  it("prints what still waits when the cloud stops", () => {
    const { lines, log } = recording();
    log.invocation(invocation(httpEvent));
    log.flush();
    expect(lines).toEqual(["INVOKE quote:dev for GET /quote -> answered in 0.9 ms (v2)"]);
  });
});
