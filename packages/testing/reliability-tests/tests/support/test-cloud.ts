import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  FREE_PORTS,
  type LocalCloud,
  type LocalCloudOptions,
  startLocalCloud,
} from "@holonet/local-cloud/local-cloud";

const ROOT = path.resolve(import.meta.dirname, "../../../../..");

const RECENT_LINES = 60;

/** Throttling high enough that a sequential property run never meets it, so every answer says something. */
export const NO_THROTTLING = { rateLimit: 100_000, burstLimit: 100_000 };

export interface TestCloud {
  cloud: LocalCloud;
  dataDir: string;
  /** The last lines the cloud logged, to explain a failure. */
  recentLog(): string;
  /** Stops the cloud and starts it again on the same data folder, as `pnpm dev` does across restarts. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The whole local cloud on loopback, on free ports, in a temporary data folder of its own. */
export async function startTestCloud(
  options: Pick<LocalCloudOptions, "throttling"> = {},
): Promise<TestCloud> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "holonet-reliability-"));
  // The cloud's last log lines (function logs, START/END/REPORT) go into a failure's message; HOLONET_CLOUD_LOG=<file>
  // keeps all of them.
  const logFile = process.env.HOLONET_CLOUD_LOG;
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > RECENT_LINES) recent.shift();
    if (logFile) appendFileSync(logFile, `${line}\n`);
  };
  const start = () => startLocalCloud({ root: ROOT, dataDir, ports: FREE_PORTS, ...options, log });
  const handle: TestCloud = {
    cloud: await start(),
    dataDir,
    recentLog: () => recent.join("\n"),
    async restart() {
      await handle.cloud.close();
      handle.cloud = await start();
    },
    async close() {
      await handle.cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
