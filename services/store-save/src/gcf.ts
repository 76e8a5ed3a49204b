import { gcfHttpFunction } from "@holonet/platform-adapters/gcf-adapter";
import { wireStoreSave } from "./service-wiring";

/**
 * Google Cloud Functions (Cloud Run functions) HTTP entry, registered as `store-save`: deploy with
 * `--entry-point=store-save`, serve here with `pnpm run serve:gcf`. Not part of the Lambda bundle (src/handler.ts).
 */
export const storeSave = gcfHttpFunction("store-save", wireStoreSave({ platform: "elsewhere" }));
