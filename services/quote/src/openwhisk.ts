import { openWhiskWebAction } from "@holonet/platform-adapters/openwhisk-adapter";
import { wireQuote } from "./service-wiring";

/** Apache OpenWhisk raw web action: `wsk action create quote <bundle> --kind nodejs:20 --web raw`. */
export const main = openWhiskWebAction(wireQuote({ platform: "elsewhere" }));
