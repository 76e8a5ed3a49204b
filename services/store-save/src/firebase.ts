import { firebaseHttpsFunction } from "@holonet/platform-adapters/firebase-adapter";
import { portableApp } from "./portable-app";

/** Firebase HTTPS function (v2 `onRequest`): Firebase names the function after this export. */
export const storeSave = firebaseHttpsFunction(portableApp());
