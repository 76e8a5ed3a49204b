import type { FunctionName } from "@holonet/contracts/functions";
import { startTemporaryS3 } from "@holonet/local-s3/local-s3";
import { expect } from "vitest";
import { describeContractSuite } from "../src/contract-suite";
import { type HttpsHandler, startFirebaseHarness } from "../src/firebase-harness";
import { entryModule } from "./support/service-dirs";
import { BUCKET, storeEnvironment } from "./support/store-environment";

/** Firebase names a function after its export: services/<name>/src/firebase.ts. */
const EXPORTS: Record<FunctionName, string> = {
  quote: "quote",
  "store-save": "storeSave",
  "store-get": "storeGet",
};

// Each service's onRequest function behind a harness that serves it as Firebase's emulator does.
describeContractSuite({
  name: "Firebase HTTPS functions (emulator harness)",
  platformAnswers: {
    malformedJson: {
      why: "the runtime's JSON body parser refuses it with 400 before the function runs",
      check: (answer) => {
        expect(answer.status).toBe(400);
        expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
      },
    },
  },
  start: async () => {
    const s3 = await startTemporaryS3([{ name: BUCKET }]);
    Object.assign(process.env, storeEnvironment(s3));
    const functions: Record<string, HttpsHandler> = {};
    for (const [service, name] of Object.entries(EXPORTS) as [FunctionName, string][]) {
      functions[name] = (await import(entryModule(service, "firebase")))[name];
    }
    const harness = await startFirebaseHarness(functions);
    return {
      url: (service) => harness.url(EXPORTS[service]),
      close: async () => {
        await harness.close();
        await s3.close();
      },
    };
  },
});
