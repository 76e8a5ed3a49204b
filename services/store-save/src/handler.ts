import { lambdaHandler } from "@holonet/lambda-kit/lambda-handler";
import { wireStoreSave } from "./service-wiring";

// Wired once per cold start; every invocation of this instance reuses the app and its clients.
const { app, logger } = wireStoreSave({ platform: "lambda" });

export const handler = lambdaHandler({ logger, ...app });
