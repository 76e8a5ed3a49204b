import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ForbiddenError } from "@holonet/lambda-kit/errors";
import { createLogger } from "@holonet/lambda-kit/logger";
import type { ServiceApp } from "@holonet/lambda-kit/service-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIronWorkerTask } from "../src/ironworker-adapter";

const logger = createLogger({ service: "test", write: () => {} });
const app: Pick<ServiceApp<{ echoed: unknown }>, "direct"> = {
  direct: async (input) => {
    if ((input as { refuse?: boolean }).refuse) throw new ForbiddenError("Sorry you can't get a quote");
    return { echoed: input };
  },
};
let dir: string;
let payload: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "holonet-ironworker-"));
  payload = path.join(dir, "payload.json");
  await writeFile(payload, '{"isJedi":true}');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(argv: string[], environment: Record<string, string> = {}) {
  let output = "";
  const code = await runIronWorkerTask(app, {
    argv,
    environment,
    writeOutput: (text) => (output += text),
    logger,
  });
  return { code, output };
}

describe("an IronWorker task", () => {
  it("reads the payload file named by -payload and writes the answer", async () => {
    const { code, output } = await run(["node", "worker.js", "-payload", payload, "-id", "t1", "-d", dir]);
    expect(code).toBe(0);
    expect(JSON.parse(output)).toEqual({ echoed: { isJedi: true } });
  });

  it("reads PAYLOAD_FILE when no -payload is given", async () => {
    const { code, output } = await run(["node", "worker.js"], { PAYLOAD_FILE: payload });
    expect(code).toBe(0);
    expect(JSON.parse(output)).toEqual({ echoed: { isJedi: true } });
  });

  it("fails with the error as Lambda reports it when the service refuses", async () => {
    const refusal = path.join(dir, "refuse.json");
    await writeFile(refusal, '{"refuse":true}');
    const { code, output } = await run(["node", "worker.js", "-payload", refusal]);
    expect(code).toBe(1);
    expect(JSON.parse(output)).toEqual({
      errorType: "ForbiddenError",
      errorMessage: "Sorry you can't get a quote",
    });
  });

  it("fails, saying why, without a payload or with one that is not JSON", async () => {
    expect((await run(["node", "worker.js"])).code).toBe(1);
    const broken = path.join(dir, "broken.json");
    await writeFile(broken, "{");
    const { code, output } = await run(["node", "worker.js", "-payload", broken]);
    expect(code).toBe(1);
    expect(JSON.parse(output).errorType).toBe("SyntaxError");
  });
});
