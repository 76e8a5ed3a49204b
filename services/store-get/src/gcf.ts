import { gcfHttpFunction } from "@holonet/platform-adapters/gcf-adapter";
import { portableApp } from "./portable-app";

/**
 * Google Cloud Functions (Cloud Run functions) HTTP entry, registered as `store-get`: deploy with
 * `--entry-point=store-get`, serve here with `pnpm run serve:gcf`. Not part of the Lambda bundle (src/handler.ts).
 */
export const storeGet = gcfHttpFunction("store-get", portableApp());
