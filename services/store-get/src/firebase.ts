import { firebaseHttpsFunction } from "@holonet/platform-adapters/firebase-adapter";
import { wireStoreGet } from "./service-wiring";

/** Firebase HTTPS function (v2 `onRequest`): Firebase names the function after this export. */
export const storeGet = firebaseHttpsFunction(wireStoreGet({ platform: "elsewhere" }));
