import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { FREE_PORTS, type LocalCloud, startLocalCloud } from "@holonet/local-cloud/local-cloud";

/**
 * The API's throttling, raised so far that it never answers 429 during a measurement: the figures are then
 * the local cloud's own cost, not the stage's configured rate limit.
 */
export const UNTHROTTLED = { rateLimit: 1_000_000, burstLimit: 1_000_000 };

export interface BenchCloud {
  cloud: LocalCloud;
  close(): Promise<void>;
}

/** The whole local cloud in this process, on free ports, in a temporary data folder of its own. */
export async function startBenchCloud(root: string, tmp: string): Promise<BenchCloud> {
  const dataDir = mkdtempSync(path.join(tmp, "cloud-"));
  const cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS, throttling: UNTHROTTLED });
  return {
    cloud,
    async close() {
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
