import { lambdaHandler } from "@holonet/lambda-kit/lambda-handler";
import { wireStoreGet } from "./service-wiring";

// Wired once per cold start; every invocation of this instance reuses the app and its clients.
const { app, logger } = wireStoreGet({ platform: "lambda" });

export const handler = lambdaHandler({ logger, ...app });
