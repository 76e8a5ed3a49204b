import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import type { FunctionSpec } from "../src/function-spec";
import { configurationChanges, describeStep, planPublish } from "../src/publish-plan";

const spec: FunctionSpec = {
  name: "holonet-quote",
  description: "A quote",
  runtime: "nodejs22.x",
  handler: "handler.handler",
  role: "arn:aws:iam::000000000000:role/holonet-dev-quote",
  memoryMb: 128,
  timeoutSeconds: 3,
  environment: { A: "1", B: "2" },
  logGroup: "/holonet/dev/quote",
  tracing: "PassThrough",
};
const SHA = "new-sha";
const deployed = (overrides: FunctionConfiguration = {}): FunctionConfiguration => ({
  FunctionName: "holonet-quote",
  Description: "A quote",
  Runtime: "nodejs22.x",
  Handler: "handler.handler",
  Role: "arn:aws:iam::000000000000:role/holonet-dev-quote",
  MemorySize: 128,
  Timeout: 3,
  Environment: { Variables: { B: "2", A: "1" } },
  LoggingConfig: { LogFormat: "Text", LogGroup: "/holonet/dev/quote" },
  TracingConfig: { Mode: "PassThrough" },
  CodeSha256: SHA,
  ...overrides,
});

// The end-to-end publish (create, update, publish, alias, smoke test, rollback) is rehearsed against the
// local cloud's Lambda API in packages/local-cloud/cloud/tests/deploy-rehearsal.test.ts.
describe("planPublish", () => {
  it("creates, publishes and aliases a function that does not exist", () => {
    expect(planPublish({}, spec, SHA).map((s) => s.kind)).toEqual([
      "create-function",
      "publish-version",
      "create-alias",
    ]);
  });

  it("publishes nothing when the alias already serves this code and configuration", () => {
    const config = deployed();
    expect(planPublish({ latest: config, alias: { version: "4", config } }, spec, SHA)).toEqual([]);
  });

  it("updates the code only when its CodeSha256 differs, and moves the alias", () => {
    const config = deployed({ CodeSha256: "old-sha" });
    expect(planPublish({ latest: config, alias: { version: "4", config } }, spec, SHA)).toEqual([
      { kind: "update-code", from: "old-sha", to: SHA },
      { kind: "publish-version" },
      { kind: "move-alias", from: "4" },
    ]);
  });

  it("updates the configuration when a field differs, naming it", () => {
    const config = deployed({ MemorySize: 256 });
    expect(planPublish({ latest: config, alias: { version: "2", config } }, spec, SHA)).toEqual([
      { kind: "update-configuration", changes: ["MemorySize 256 -> 128"] },
      { kind: "publish-version" },
      { kind: "move-alias", from: "2" },
    ]);
  });

  it("publishes and moves the alias when $LATEST is already right but the alias serves an older version", () => {
    const latest = deployed();
    const old = deployed({ CodeSha256: "old-sha" });
    expect(
      planPublish({ latest, alias: { version: "1", config: old } }, spec, SHA).map((s) => s.kind),
    ).toEqual(["publish-version", "move-alias"]);
  });

  it("creates the alias of a new stage on an existing function", () => {
    expect(planPublish({ latest: deployed() }, spec, SHA).map((s) => s.kind)).toEqual([
      "publish-version",
      "create-alias",
    ]);
  });
});

describe("configurationChanges", () => {
  it("sees no change whatever the order of the environment", () => {
    expect(configurationChanges(deployed(), spec)).toEqual([]);
  });

  it.each([
    [{ Timeout: 10 }, "Timeout 10 -> 3"],
    [{ Runtime: "nodejs20.x" as const }, "Runtime nodejs20.x -> nodejs22.x"],
    [{ Handler: "index.handler" }, "Handler index.handler -> handler.handler"],
    [
      { Role: "arn:aws:iam::000000000000:role/other" },
      "Role arn:aws:iam::000000000000:role/other -> arn:aws:iam::000000000000:role/holonet-dev-quote",
    ],
    [{ Description: undefined }, "Description  -> A quote"],
    [
      { LoggingConfig: { LogGroup: "/aws/lambda/holonet-quote" } },
      "LogGroup /aws/lambda/holonet-quote -> /holonet/dev/quote",
    ],
    [{ TracingConfig: { Mode: "Active" as const } }, "TracingMode Active -> PassThrough"],
  ])("names the change %j", (change, text) => {
    expect(configurationChanges(deployed(change), spec)).toEqual([text]);
  });

  it("names an environment change without showing its values", () => {
    expect(configurationChanges(deployed({ Environment: { Variables: { A: "secret" } } }), spec)).toEqual([
      "Environment",
    ]);
  });
});

describe("describeStep", () => {
  it("says each step in a line", () => {
    expect(describeStep({ kind: "move-alias", from: "3" }, spec, "prod")).toBe(
      "move alias prod from version 3 to the new version",
    );
    expect(describeStep({ kind: "create-function" }, spec, "dev")).toBe(
      "create function holonet-quote (nodejs22.x, 128 MB, 3 s)",
    );
  });
});
