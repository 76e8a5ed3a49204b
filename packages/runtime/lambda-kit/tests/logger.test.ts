import { describe, expect, it } from "vitest";
import { coldStartTracker, createLogger, invocationFields, parseLogLevel } from "../src/logger";

describe("logger", () => {
  it("writes one JSON line an entry, with the service and the bound fields", () => {
    const lines: string[] = [];
    createLogger({ service: "quote", write: (line) => lines.push(line) })
      .with({ requestId: "r-1" })
      .info("hello", { n: 1 });
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      level: "INFO",
      service: "quote",
      message: "hello",
      requestId: "r-1",
      n: 1,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("drops entries below its level", () => {
    const lines: string[] = [];
    const log = createLogger({ service: "s", level: "warn", write: (line) => lines.push(line) });
    log.info("no");
    log.debug("no");
    log.warn("yes");
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(["yes"]);
  });

  it("reads LOG_LEVEL, defaulting to info", () => {
    expect(parseLogLevel("DEBUG")).toBe("debug");
    expect(parseLogLevel(undefined)).toBe("info");
    expect(parseLogLevel("loud")).toBe("info");
  });

  it("passes every level at debug and only errors at error", () => {
    const lines: string[] = [];
    const write = (line: string) => lines.push(line);
    const all = createLogger({ service: "s", level: "debug", write });
    all.debug("d");
    all.error("e");
    const quiet = createLogger({ service: "s", level: "error", write });
    quiet.warn("w");
    quiet.error("e2");
    expect(lines.map((line) => JSON.parse(line).level)).toEqual(["DEBUG", "ERROR", "ERROR"]);
  });

  it("marks only an instance's first invocation as its cold start", () => {
    const isColdStart = coldStartTracker();
    expect([isColdStart(), isColdStart(), isColdStart()]).toEqual([true, false, false]);
  });

  it("carries the X-Ray trace id from Lambda's variable, else the HTTP header, else none", () => {
    const root = "1-5e1b4151-5ac6c58f5b5daa6532e4f2e7";
    const env = `Root=${root};Parent=53995c3f42cd8ad8;Sampled=1`;
    expect(
      invocationFields({ requestId: "r", coldStart: true, traceEnv: env, traceHeader: "Root=other" }),
    ).toEqual({ requestId: "r", coldStart: true, xRayTraceId: root });
    expect(invocationFields({ requestId: "r", coldStart: false, traceHeader: `Root=${root}` })).toEqual({
      requestId: "r",
      coldStart: false,
      xRayTraceId: root,
    });
    expect(invocationFields({ requestId: "r", coldStart: false })).toEqual({
      requestId: "r",
      coldStart: false,
    });
  });
});
