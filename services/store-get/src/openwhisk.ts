import { openWhiskWebAction } from "@holonet/platform-adapters/openwhisk-adapter";
import { wireStoreGet } from "./service-wiring";

/** Apache OpenWhisk raw web action: `wsk action create store-get <bundle> --kind nodejs:20 --web raw`. */
export const main = openWhiskWebAction(wireStoreGet({ platform: "elsewhere" }));
