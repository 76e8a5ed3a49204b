import {
  CreateAliasCommand,
  InvokeCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { payloadOf, startHarness, zipFixture } from "./service-harness";

describe("persistence", () => {
  it("keeps functions, versions and aliases across a restart on the same data directory", async () => {
    const first = await startHarness();
    try {
      await first.create("echo", zipFixture("echo", { "release.txt": "one" }), { Publish: true });
      await first.client.send(
        new CreateAliasCommand({ FunctionName: "echo", Name: "prod", FunctionVersion: "1" }),
      );
      await first.client.send(
        new UpdateFunctionCodeCommand({
          FunctionName: "echo",
          ZipFile: zipFixture("echo", { "release.txt": "two" }),
        }),
      );
    } finally {
      await first.close(true);
    }

    const second = await startHarness({ dataDir: first.dataDir });
    try {
      const viaAlias = await second.client.send(
        new InvokeCommand({ FunctionName: "echo", Qualifier: "prod", Payload: "{}" }),
      );
      expect(viaAlias.ExecutedVersion).toBe("1");
      expect(payloadOf(viaAlias)).toMatchObject({ release: "one" });
      const latest = await second.client.send(new InvokeCommand({ FunctionName: "echo", Payload: "{}" }));
      expect(payloadOf(latest)).toMatchObject({ release: "two" });

      // Numbering goes on from where it stopped.
      const published = await second.client.send(new PublishVersionCommand({ FunctionName: "echo" }));
      expect(published.Version).toBe("2");
      const listed = await second.client.send(new ListVersionsByFunctionCommand({ FunctionName: "echo" }));
      expect(listed.Versions?.map((version) => version.Version)).toEqual(["$LATEST", "1", "2"]);
    } finally {
      await second.close();
    }
  });
});
