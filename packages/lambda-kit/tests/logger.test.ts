import { describe, expect, it } from "vitest";
import { createLogger, parseLogLevel } from "../src/logger";

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
});
