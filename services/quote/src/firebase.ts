import { firebaseHttpsFunction } from "@holonet/platform-adapters/firebase-adapter";
import { wireQuote } from "./service-wiring";

/** Firebase HTTPS function (v2 `onRequest`): Firebase names the function after this export. */
export const quote = firebaseHttpsFunction(wireQuote({ platform: "elsewhere" }));
