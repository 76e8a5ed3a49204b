import path from "node:path";
import type { FunctionName } from "@holonet/contracts/functions";

const ROOT = path.resolve(import.meta.dirname, "../../../../..");

export const serviceDir = (service: FunctionName) => path.join(ROOT, "services", service);

/** A service's entry module for a platform: `services/<name>/src/<platform>.ts`. */
export const entryModule = (service: FunctionName, platform: "openwhisk" | "firebase") =>
  path.join(serviceDir(service), "src", `${platform}.ts`);
