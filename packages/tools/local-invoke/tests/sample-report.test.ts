import type { InvokeOutcome } from "@holonet/lambda-runtime/function-instance";
import { describe, expect, it } from "vitest";
import { sampleHeading, sampleLogLines, sampleResultLine, samplesSummary } from "../src/sample-report";

const REQUEST = "0eec8b0b-aa2f-4470-84de-678a16bf470a";
const refusal: InvokeOutcome = {
  requestId: REQUEST,
  error: {
    errorType: "ForbiddenError",
    errorMessage: "Sorry you can't get a quote",
    trace: [
      "ForbiddenError: Sorry you can't get a quote",
      "    at quoteFor (/work/main/services/quote/src/jedi-quote.ts:6:22)",
    ],
  },
  logs: [
    JSON.stringify({
      level: "INFO",
      service: "quote",
      message: "Invocation refused",
      requestId: REQUEST,
      code: "FORBIDDEN",
    }),
    `2026-11-30T15:23:01.581Z\t${REQUEST}\tERROR\tInvoke Error \t${JSON.stringify({
      errorType: "ForbiddenError",
      errorMessage: "Sorry you can't get a quote",
      stack: [
        "ForbiddenError: Sorry you can't get a quote",
        "    at quoteFor (/work/main/services/quote/src/jedi-quote.ts:6:22)",
      ],
    })}`,
    "",
  ].join("\n"),
  durationMs: 39.79,
  initDurationMs: 25.2,
};
const answered: InvokeOutcome = {
  requestId: REQUEST,
  payload: {
    statusCode: 403,
    headers: { "content-type": "application/json" },
    body: '{"error":{"code":"FORBIDDEN"}}',
  },
  logs: "",
  durationMs: 1.12,
};

describe("pnpm invoke --all-samples' report", () => {
  it("heads each result with its service, its event file, the outcome and the cold start", () => {
    expect(
      sampleHeading(
        { service: "quote", file: "services/quote/events/direct-not-jedi.json", outcome: refusal },
        false,
      ),
    ).toBe(
      "quote · services/quote/events/direct-not-jedi.json -> function error in 40 ms (cold start 25 ms)",
    );
    expect(
      sampleHeading({ service: "quote", file: "events/http-not-jedi.json", outcome: answered }, false),
    ).toBe("quote · events/http-not-jedi.json -> answered 403 in 1.1 ms");
  });

  it("shows an expected function error as one line, in the logs and as the result, with no stack", () => {
    const lines = [...sampleLogLines(refusal, false), sampleResultLine(refusal)];
    expect(lines).toEqual([
      "    INFO  Invocation refused code=FORBIDDEN",
      "    ERROR Invoke Error ForbiddenError: Sorry you can't get a quote",
      "  => ForbiddenError: Sorry you can't get a quote",
    ]);
    expect(lines.join("\n")).not.toContain("at quoteFor");
  });

  it("shows an HTTP answer as its status and body", () => {
    expect(sampleResultLine(answered)).toBe('  => 403 {"error":{"code":"FORBIDDEN"}}');
  });

  it("counts what was invoked, answered and failed", () => {
    const run = (outcome: InvokeOutcome) => ({ service: "quote", file: "f.json", outcome });
    expect(samplesSummary([run(answered), run(refusal), run(answered)])).toBe(
      "3 invoked, 2 answered, 1 function error",
    );
    expect(samplesSummary([run(refusal), run(refusal)])).toBe("2 invoked, 0 answered, 2 function errors");
  });
});
