import { openWhiskWebAction } from "@holonet/platform-adapters/openwhisk-adapter";
import { wireStoreSave } from "./service-wiring";

/** Apache OpenWhisk raw web action: `wsk action create store-save <bundle> --kind nodejs:20 --web raw`. */
export const main = openWhiskWebAction(wireStoreSave({ platform: "elsewhere" }));
