import { firebaseHttpsFunction } from "@holonet/platform-adapters/firebase-adapter";
import { wireStoreSave } from "./service-wiring";

/** Firebase HTTPS function (v2 `onRequest`): Firebase names the function after this export. */
export const storeSave = firebaseHttpsFunction(wireStoreSave({ platform: "elsewhere" }));
