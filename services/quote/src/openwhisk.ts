import { openWhiskWebAction } from "@holonet/platform-adapters/openwhisk-adapter";
import { portableApp } from "./portable-app";

/** Apache OpenWhisk raw web action: `wsk action create quote <bundle> --kind nodejs:20 --web raw`. */
export const main = openWhiskWebAction(portableApp());
