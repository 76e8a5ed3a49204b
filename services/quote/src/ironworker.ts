import { runAsIronWorker } from "@holonet/platform-adapters/ironworker-adapter";
import { wireQuote } from "./service-wiring";

// An IronWorker task: the payload file holds a direct invocation's input, stdout gets the answer alone.
await runAsIronWorker(wireQuote);
