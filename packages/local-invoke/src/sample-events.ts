import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FUNCTIONS, type FunctionName } from "@holonet/infra/app-definition";

export interface SampleEvent {
  /** The file's name in the service's events/ folder. */
  file: string;
  event: unknown;
}

/** Every sample event of a service, by file name. */
export function sampleEvents(root: string, service: FunctionName): SampleEvent[] {
  const dir = path.join(root, FUNCTIONS[service].directory, "events");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ file, event: JSON.parse(readFileSync(path.join(dir, file), "utf8")) as unknown }));
}
