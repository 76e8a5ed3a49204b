import { gcfHttpFunction } from "@holonet/platform-adapters/gcf-adapter";
import { wireQuote } from "./service-wiring";

/**
 * Google Cloud Functions (Cloud Run functions) HTTP entry, registered as `quote`: deploy with
 * `--entry-point=quote`, serve here with `pnpm run serve:gcf`. Not part of the Lambda bundle (src/handler.ts).
 */
export const quote = gcfHttpFunction("quote", wireQuote({ platform: "elsewhere" }));
