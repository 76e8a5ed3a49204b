import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FREE_PORTS, startLocalCloud } from "@holonet/local-cloud/local-cloud";
import { describeContractSuite } from "../src/contract-suite";

const ROOT = path.resolve(import.meta.dirname, "../../../..");

// The reference: the services as Lambda functions behind the local cloud's API Gateway HTTP API.
describeContractSuite({
  name: "the local cloud (API Gateway + Lambda)",
  start: async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "holonet-contract-"));
    const cloud = await startLocalCloud({ root: ROOT, dataDir, ports: FREE_PORTS, log: () => {} });
    return {
      url: () => cloud.api,
      close: async () => {
        await cloud.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
});
