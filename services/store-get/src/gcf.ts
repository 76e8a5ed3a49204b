import { gcfHttpFunction } from "@holonet/platform-adapters/gcf-adapter";
import { wireStoreGet } from "./service-wiring";

/**
 * Google Cloud Functions (Cloud Run functions) HTTP entry, registered as `store-get`: deploy with
 * `--entry-point=store-get`, serve here with `pnpm run serve:gcf`. Not part of the Lambda bundle (src/handler.ts).
 */
export const storeGet = gcfHttpFunction("store-get", wireStoreGet({ platform: "elsewhere" }));
