import { createHash } from "node:crypto";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from "@aws-sdk/client-lambda";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { functionInput, type Harness, payloadOf, ROLE, startHarness, zipFixture } from "./service-harness";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const invokeJson = async (name: string, qualifier?: string) =>
  payloadOf(
    await harness.client.send(
      new InvokeCommand({ FunctionName: name, ...(qualifier && { Qualifier: qualifier }), Payload: "{}" }),
    ),
  );

const WAIT = { maxWaitTime: 10, minDelay: 1, maxDelay: 1 };

describe("functions: create, read, update", () => {
  it("creates a function from a zip and describes it as Lambda does", async () => {
    const zip = zipFixture("echo");
    const created = await harness.create("echo", zip, {
      Description: "echoes",
      Environment: { Variables: { GREETING: "hello" } },
      MemorySize: 256,
    });

    expect(created).toMatchObject({
      FunctionName: "echo",
      FunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:echo",
      Runtime: "nodejs22.x",
      Role: ROLE,
      Handler: "index.handler",
      CodeSize: zip.length,
      CodeSha256: createHash("sha256").update(zip).digest("base64"),
      Description: "echoes",
      Timeout: 10,
      MemorySize: 256,
      Version: "$LATEST",
      Environment: { Variables: { GREETING: "hello" } },
      State: "Active",
      LastUpdateStatus: "Successful",
      PackageType: "Zip",
      Architectures: ["x86_64"],
    });
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(created.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.$metadata.httpStatusCode).toBe(201);
  });

  it("is Active at once for the SDK's waiter, and GetFunction serves the code back", async () => {
    const zip = zipFixture("echo");
    await harness.create("echo", zip);
    const started = Date.now();
    const waited = await waitUntilFunctionActiveV2(
      { client: harness.client, ...WAIT },
      { FunctionName: "echo" },
    );
    expect(waited.state).toBe("SUCCESS");
    expect(Date.now() - started).toBeLessThan(5000);

    const fn = await harness.client.send(new GetFunctionCommand({ FunctionName: "echo" }));
    expect(fn.Configuration?.FunctionName).toBe("echo");
    const download = await fetch(fn.Code?.Location ?? "");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(zip);
  });

  it("refuses a second function of the same name with ResourceConflictException", async () => {
    await harness.create("echo", zipFixture("echo"));
    await expect(harness.create("echo", zipFixture("echo"))).rejects.toThrow(ResourceConflictException);
  });

  it("answers ResourceNotFoundException for an unknown function", async () => {
    const error = await harness.client
      .send(new GetFunctionConfigurationCommand({ FunctionName: "nobody" }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(
      "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nobody",
    );
    await expect(harness.client.send(new InvokeCommand({ FunctionName: "nobody" }))).rejects.toThrow(
      ResourceNotFoundException,
    );
  });

  it.each([
    ["a timeout over 900 s", { Timeout: 901 }],
    ["a runtime that is not Node.js", { Runtime: "python3.12" as const }],
    ["a role that is not an IAM role ARN", { Role: "admin" }],
    ["a zip that is not a zip", { Code: { ZipFile: new TextEncoder().encode("not a zip") } }],
  ])("refuses %s with InvalidParameterValueException", async (_case, overrides) => {
    await expect(
      harness.client.send(new CreateFunctionCommand(functionInput("bad", zipFixture("echo"), overrides))),
    ).rejects.toThrow(InvalidParameterValueException);
  });

  it("updates the code, waits for the update, and serves the new code", async () => {
    await harness.create("echo", zipFixture("echo", { "release.txt": "one" }));
    expect(await invokeJson("echo")).toMatchObject({ release: "one" });

    const updated = await harness.client.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "echo",
        ZipFile: zipFixture("echo", { "release.txt": "two" }),
      }),
    );
    expect(updated.LastUpdateStatus).toBe("Successful");
    const waited = await waitUntilFunctionUpdatedV2(
      { client: harness.client, ...WAIT },
      { FunctionName: "echo" },
    );
    expect(waited.state).toBe("SUCCESS");
    expect(await invokeJson("echo")).toMatchObject({ release: "two", invocations: 1 });
  });

  it("updates the configuration, and the next invocation runs with it", async () => {
    await harness.create("echo", zipFixture("echo"), { Environment: { Variables: { GREETING: "hi" } } });
    expect(await invokeJson("echo")).toMatchObject({ greeting: "hi", memoryLimitInMB: "128" });

    await harness.client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "echo",
        MemorySize: 512,
        Environment: { Variables: { GREETING: "hello there" } },
      }),
    );
    expect(await invokeJson("echo")).toMatchObject({ greeting: "hello there", memoryLimitInMB: "512" });
  });

  it("keeps each version's log group and tracing mode, and logs each version's invocations to its group", async () => {
    await harness.create("echo", zipFixture("echo"), {
      LoggingConfig: { LogFormat: "Text", LogGroup: "/holonet/dev/echo" },
      TracingConfig: { Mode: "Active" },
    });
    const first = await harness.client.send(new PublishVersionCommand({ FunctionName: "echo" }));
    expect(first).toMatchObject({
      LoggingConfig: { LogFormat: "Text", LogGroup: "/holonet/dev/echo" },
      TracingConfig: { Mode: "Active" },
    });
    await harness.client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "echo",
        LoggingConfig: { LogGroup: "/holonet/prod/echo" },
        TracingConfig: { Mode: "PassThrough" },
      }),
    );
    const latest = await harness.client.send(new GetFunctionConfigurationCommand({ FunctionName: "echo" }));
    const version = await harness.client.send(
      new GetFunctionConfigurationCommand({ FunctionName: "echo", Qualifier: "1" }),
    );
    expect(latest.LoggingConfig?.LogGroup).toBe("/holonet/prod/echo");
    expect(latest.TracingConfig?.Mode).toBe("PassThrough");
    expect(version.LoggingConfig?.LogGroup).toBe("/holonet/dev/echo");
    expect(version.TracingConfig?.Mode).toBe("Active");

    expect(await invokeJson("echo", "1")).toMatchObject({
      logGroupName: "/holonet/dev/echo",
      logGroupEnv: "/holonet/dev/echo",
    });
    expect(await invokeJson("echo")).toMatchObject({ logGroupName: "/holonet/prod/echo" });
    expect(new Set(harness.logs.map((entry) => `${entry.version} ${entry.logGroup}`))).toEqual(
      new Set(["1 /holonet/dev/echo", "$LATEST /holonet/prod/echo"]),
    );
  });

  it("logs to Lambda's default group without a LoggingConfig, and refuses the JSON log format it does not write", async () => {
    await harness.create("plain", zipFixture("echo"));
    expect(await invokeJson("plain")).toMatchObject({ logGroupName: "/aws/lambda/plain" });
    const refused = await harness.client
      .send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: "plain",
          LoggingConfig: { LogFormat: "JSON" },
        }),
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidParameterValueException);
    expect((refused as Error).message).toContain("Text logs only");
  });
});

describe("versions and aliases", () => {
  it("publishes immutable versions numbered 1, 2, ... and lists them after $LATEST", async () => {
    await harness.create("echo", zipFixture("echo", { "release.txt": "one" }));
    const first = await harness.client.send(new PublishVersionCommand({ FunctionName: "echo" }));
    const again = await harness.client.send(new PublishVersionCommand({ FunctionName: "echo" }));
    await harness.client.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "echo",
        ZipFile: zipFixture("echo", { "release.txt": "two" }),
      }),
    );
    const second = await harness.client.send(new PublishVersionCommand({ FunctionName: "echo" }));

    expect([first.Version, again.Version, second.Version]).toEqual(["1", "1", "2"]);
    expect(first.FunctionArn).toBe("arn:aws:lambda:us-east-1:000000000000:function:echo:1");
    const waited = await waitUntilPublishedVersionActive(
      { client: harness.client, ...WAIT },
      { FunctionName: "echo", Qualifier: "2" },
    );
    expect(waited.state).toBe("SUCCESS");
    const listed = await harness.client.send(new ListVersionsByFunctionCommand({ FunctionName: "echo" }));
    expect(listed.Versions?.map((version) => version.Version)).toEqual(["$LATEST", "1", "2"]);
    expect(await invokeJson("echo", "1")).toMatchObject({ release: "one", functionVersion: "1" });
    expect(await invokeJson("echo:2")).toMatchObject({ release: "two", functionVersion: "2" });
  });

  it("moves an alias between versions, and Invoke through it answers with the new code at once", async () => {
    await harness.create("echo", zipFixture("echo", { "release.txt": "one" }), { Publish: true });
    const alias = await harness.client.send(
      new CreateAliasCommand({ FunctionName: "echo", Name: "prod", FunctionVersion: "1" }),
    );
    expect(alias).toMatchObject({
      AliasArn: "arn:aws:lambda:us-east-1:000000000000:function:echo:prod",
      Name: "prod",
      FunctionVersion: "1",
    });
    const before = await harness.client.send(
      new InvokeCommand({ FunctionName: "echo", Qualifier: "prod", Payload: "{}" }),
    );
    expect(before.ExecutedVersion).toBe("1");
    expect(payloadOf(before)).toMatchObject({
      release: "one",
      invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:echo:prod",
    });

    await harness.client.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "echo",
        ZipFile: zipFixture("echo", { "release.txt": "two" }),
        Publish: true,
      }),
    );
    await harness.client.send(
      new UpdateAliasCommand({ FunctionName: "echo", Name: "prod", FunctionVersion: "2" }),
    );
    const after = await harness.client.send(
      new InvokeCommand({
        FunctionName: "arn:aws:lambda:us-east-1:000000000000:function:echo:prod",
        Payload: "{}",
      }),
    );
    expect(after.ExecutedVersion).toBe("2");
    expect(payloadOf(after)).toMatchObject({ release: "two" });

    const aliases = await harness.client.send(new ListAliasesCommand({ FunctionName: "echo" }));
    expect(aliases.Aliases?.map((each) => [each.Name, each.FunctionVersion])).toEqual([["prod", "2"]]);
  });

  it("answers ResourceNotFoundException for an unknown alias or version", async () => {
    await harness.create("echo", zipFixture("echo"));
    await expect(
      harness.client.send(new GetAliasCommand({ FunctionName: "echo", Name: "nope" })),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      harness.client.send(new InvokeCommand({ FunctionName: "echo", Qualifier: "nope" })),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      harness.client.send(
        new CreateAliasCommand({ FunctionName: "echo", Name: "dev", FunctionVersion: "7" }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it("refuses to delete a version an alias points to, and deletes it once the alias moves", async () => {
    await harness.create("echo", zipFixture("echo", { "release.txt": "one" }), { Publish: true });
    await harness.client.send(
      new CreateAliasCommand({ FunctionName: "echo", Name: "prod", FunctionVersion: "1" }),
    );
    await expect(
      harness.client.send(new DeleteFunctionCommand({ FunctionName: "echo", Qualifier: "1" })),
    ).rejects.toThrow(ResourceConflictException);

    await harness.client.send(
      new UpdateAliasCommand({ FunctionName: "echo", Name: "prod", FunctionVersion: "$LATEST" }),
    );
    await harness.client.send(new DeleteFunctionCommand({ FunctionName: "echo", Qualifier: "1" }));
    const listed = await harness.client.send(new ListVersionsByFunctionCommand({ FunctionName: "echo" }));
    expect(listed.Versions?.map((version) => version.Version)).toEqual(["$LATEST"]);

    await harness.client.send(new DeleteFunctionCommand({ FunctionName: "echo" }));
    await expect(harness.client.send(new GetFunctionCommand({ FunctionName: "echo" }))).rejects.toThrow(
      ResourceNotFoundException,
    );
  });
});
