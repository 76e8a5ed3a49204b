import { FUNCTION_NAMES, type FunctionName } from "@holonet/contracts/functions";
import { type LocalS3, startTemporaryS3 } from "@holonet/local-s3/local-s3";
import { expect } from "vitest";
import { describeContractSuite } from "../src/contract-suite";
import { type ServedService, startServeGcf } from "../src/serve-gcf-process";
import { serviceDir } from "./support/service-dirs";
import { BUCKET, storeEnvironment } from "./support/store-environment";

// Each service served by Google's Functions Framework on loopback, started by its own `serve:gcf` script.
describeContractSuite({
  name: "the Functions Framework (Cloud Run functions)",
  platformAnswers: {
    malformedJson: {
      why: "the framework's JSON body parser refuses it with 400 before the function runs",
      check: (answer) => {
        expect(answer.status).toBe(400);
        expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
      },
    },
  },
  start: async () => {
    const s3: LocalS3 = await startTemporaryS3([{ name: BUCKET }]);
    const environment = storeEnvironment(s3);
    const started = await Promise.allSettled(
      FUNCTION_NAMES.map(
        async (service) => [service, await startServeGcf(serviceDir(service), environment)] as const,
      ),
    );
    const served = new Map<FunctionName, ServedService>();
    for (const result of started) if (result.status === "fulfilled") served.set(...result.value);
    const closeAll = async () => {
      await Promise.all([...served.values()].map((serving) => serving.close()));
      await s3.close();
    };
    const failed = started.find((result) => result.status === "rejected");
    if (failed) {
      await closeAll();
      throw failed.reason;
    }
    return {
      url: (service) => served.get(service)?.url ?? "",
      close: closeAll,
    };
  },
});
