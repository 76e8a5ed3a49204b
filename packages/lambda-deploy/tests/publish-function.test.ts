import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { configurationMatches, type FunctionSpec } from "../src/publish-function";

const spec: FunctionSpec = {
  name: "holonet-quote",
  description: "A quote",
  runtime: "nodejs22.x",
  handler: "handler.handler",
  role: "arn:aws:iam::000000000000:role/holonet-quote",
  memoryMb: 128,
  timeoutSeconds: 3,
  environment: { A: "1", B: "2" },
};
const deployed: FunctionConfiguration = {
  FunctionName: "holonet-quote",
  Description: "A quote",
  Runtime: "nodejs22.x",
  Handler: "handler.handler",
  Role: "arn:aws:iam::000000000000:role/holonet-quote",
  MemorySize: 128,
  Timeout: 3,
  Environment: { Variables: { B: "2", A: "1" } },
};

// The end-to-end publish (create, update, publish, alias) runs against the local cloud's Lambda API in
// packages/local-cloud/tests; this is the comparison that decides whether anything needs publishing.
describe("configurationMatches", () => {
  it("matches the same configuration, whatever the order of the environment", () => {
    expect(configurationMatches(deployed, spec)).toBe(true);
  });

  it.each([
    ["memory", { MemorySize: 256 }],
    ["timeout", { Timeout: 10 }],
    ["runtime", { Runtime: "nodejs20.x" as const }],
    ["handler", { Handler: "index.handler" }],
    ["role", { Role: "arn:aws:iam::000000000000:role/other" }],
    ["description", { Description: "" }],
    ["environment", { Environment: { Variables: { A: "1" } } }],
  ])("sees a change of %s", (_, change) => {
    expect(configurationMatches({ ...deployed, ...change }, spec)).toBe(false);
  });
});
