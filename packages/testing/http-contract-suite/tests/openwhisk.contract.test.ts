import { FUNCTION_NAMES } from "@holonet/contracts/functions";
import { startTemporaryS3 } from "@holonet/local-s3/local-s3";
import type { WebActionParams, WebActionResult } from "@holonet/platform-adapters/openwhisk-adapter";
import { expect } from "vitest";
import { describeContractSuite } from "../src/contract-suite";
import { startOpenWhiskHarness, type WebAction } from "../src/openwhisk-harness";
import { entryModule } from "./support/service-dirs";
import { BUCKET, storeEnvironment } from "./support/store-environment";

type ActionModule = { main: (params: WebActionParams) => Promise<WebActionResult> };

// Each service's web action (services/<name>/src/openwhisk.ts) behind a harness that builds the
// documented raw web action parameters from real HTTP requests.
describeContractSuite({
  name: "OpenWhisk raw web actions (harness)",
  platformAnswers: {
    bodyWithoutContentType: {
      why: "OpenWhisk's Akka HTTP gives such a body application/octet-stream, which the service refuses with 415",
      check: (answer) => {
        expect(answer.status).toBe(415);
        expect(JSON.parse(answer.text).error.message).toContain("application/octet-stream");
      },
    },
  },
  start: async () => {
    const s3 = await startTemporaryS3([{ name: BUCKET }]);
    // An action's parameters and environment come from its deployment; here from the test's process.
    Object.assign(process.env, storeEnvironment(s3));
    const actions: Record<string, WebAction> = {};
    for (const service of FUNCTION_NAMES) {
      actions[service] = ((await import(entryModule(service, "openwhisk"))) as ActionModule).main;
    }
    const harness = await startOpenWhiskHarness(actions);
    return {
      url: (service) => harness.url(service),
      close: async () => {
        await harness.close();
        await s3.close();
      },
    };
  },
});
