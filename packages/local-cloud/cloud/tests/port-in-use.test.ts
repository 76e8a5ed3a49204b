import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudLockPath, DataDirInUseError, runningCloud } from "../src/cloud-lock";
import { devConfigPath } from "../src/dev-config";
import { FREE_PORTS, startLocalCloud } from "../src/local-cloud";
import {
  describePortUnavailable,
  firstUnavailablePort,
  PortUnavailableError,
  portError,
  portHolder,
} from "../src/port-in-use";

const root = path.resolve(import.meta.dirname, "../../../..");
let taken: Server;
let takenPort: number;
const folders: string[] = [];
const freshFolder = () => {
  const folder = mkdtempSync(path.join(tmpdir(), "holonet-ports-"));
  folders.push(folder);
  return folder;
};

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe("an endpoint whose port is taken", () => {
  it("is named with its port, who holds it and the option and variable that move it", () => {
    const error = new PortUnavailableError("s3", 4562, "EADDRINUSE");
    const cloud = { pid: 4242, command: "holonet-dev --s3-port 4562", dataDir: "/work/main/.holonet" };
    expect(describePortUnavailable(error, cloud)).toBe(
      "the S3 endpoint cannot listen on 127.0.0.1:4562: another Holonet local cloud holds it (pid 4242, data folder /work/main/.holonet).\n" +
        "Stop that cloud (Ctrl-C in its terminal), or choose another port for this one: --s3-port <n> or HOLONET_S3_PORT=<n> (0 picks a free port; pnpm dev --help lists every port).",
    );
    const other = { pid: 7, command: "/usr/bin/python3 -m http.server 4562" };
    expect(describePortUnavailable(error, other)).toContain(
      "another program holds it (pid 7: /usr/bin/python3 -m http.server 4562)",
    );
    expect(describePortUnavailable(error, undefined)).toContain(": another program holds it.\nStop it,");
    expect(describePortUnavailable(new PortUnavailableError("api", 80, "EACCES"), undefined)).toContain(
      "may not listen on that port",
    );
  });

  it("is found before anything starts, skipping the ports left free to choose", async () => {
    const found = await firstUnavailablePort({ ...FREE_PORTS, logs: takenPort });
    expect(found).toMatchObject({ endpoint: "logs", port: takenPort, code: "EADDRINUSE" });
    expect(await firstUnavailablePort(FREE_PORTS)).toBeUndefined();
  });

  it.runIf(existsSync("/proc/net/tcp"))("is traced to the process that listens on it", () => {
    expect(portHolder(takenPort)?.pid).toBe(process.pid);
  });

  it("maps Node's listen error to the endpoint that asked for the port, and leaves others alone", () => {
    const listen = Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE", port: 4565 });
    expect(portError(listen, { ...FREE_PORTS, logs: 4565 })).toMatchObject({ endpoint: "logs", port: 4565 });
    const other = new Error("something else");
    expect(portError(other, FREE_PORTS)).toBe(other);
  });

  it("names a stage's endpoint by its own option and variable", () => {
    const message = describePortUnavailable(
      new PortUnavailableError("ci-api", 4567, "EADDRINUSE"),
      undefined,
    );
    expect(message).toContain("the ci HTTP API endpoint cannot listen on 127.0.0.1:4567");
    expect(message).toContain("--ci-api-port <n> or HOLONET_CI_API_PORT=<n>");
  });

  it("stops the start when a stage's endpoint cannot have its port", async () => {
    const dataDir = freshFolder();
    const start = startLocalCloud({ root, dataDir, ports: { ...FREE_PORTS, "prod-web": takenPort } });
    await expect(start).rejects.toMatchObject({ endpoint: "prod-web", port: takenPort });
    expect(runningCloud(dataDir)).toBeUndefined();
  }, 60_000);

  it("stops the cloud's start with that error, and leaves the data folder free for the next start", async () => {
    const dataDir = freshFolder();
    const start = startLocalCloud({ root, dataDir, ports: { ...FREE_PORTS, logs: takenPort } });
    await expect(start).rejects.toMatchObject({
      name: "PortUnavailableError",
      endpoint: "logs",
      port: takenPort,
    });
    expect(runningCloud(dataDir)).toBeUndefined();
  }, 60_000);
});

describe("one data folder, one cloud", () => {
  it("refuses a second cloud on a folder in use, and removes dev.json and the lock when the first stops", async () => {
    const dataDir = freshFolder();
    const cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
    try {
      const second = startLocalCloud({ root, dataDir, ports: FREE_PORTS });
      await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
      await second.catch((error: DataDirInUseError) =>
        expect(error.holder.endpoints).toMatchObject({
          api: cloud.api,
          dashboard: cloud.dashboard,
          "ci-api": cloud.stages.ci.api,
          "prod-web": cloud.stages.prod.web,
        }),
      );
      // The refusal touched nothing of the first cloud's.
      expect(existsSync(devConfigPath(dataDir))).toBe(true);
    } finally {
      await cloud.close();
    }
    expect(existsSync(devConfigPath(dataDir))).toBe(false);
    expect(existsSync(cloudLockPath(dataDir))).toBe(false);
  }, 60_000);
});
