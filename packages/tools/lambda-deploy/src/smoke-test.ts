import { readFileSync } from "node:fs";
import path from "node:path";
import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { FUNCTIONS, type FunctionName } from "@holonet/infra/app-definition";

export interface SmokeResult {
  ok: boolean;
  /** What the function answered, in a line. */
  detail: string;
}

/**
 * Invokes the alias with an event and judges the answer: a function error fails it, and so does an HTTP
 * response (an API Gateway event's answer) with a 5xx status. Anything else means the new version loads,
 * reads its configuration and answers.
 */
export async function smokeTest(
  client: LambdaClient,
  name: string,
  alias: string,
  event: unknown,
): Promise<SmokeResult> {
  const result = await client.send(
    new InvokeCommand({ FunctionName: name, Qualifier: alias, Payload: JSON.stringify(event) }),
  );
  const text = Buffer.from(result.Payload ?? new Uint8Array()).toString("utf8");
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  if (result.FunctionError)
    return { ok: false, detail: `function error (${result.FunctionError}): ${short}` };
  const status = (() => {
    try {
      return (JSON.parse(text) as { statusCode?: unknown }).statusCode;
    } catch {
      return undefined;
    }
  })();
  if (typeof status === "number" && status >= 500) return { ok: false, detail: `HTTP ${status}: ${short}` };
  return { ok: true, detail: `version ${result.ExecutedVersion ?? "?"} answered ${short}` };
}

/** The service's own sample event that smoke-tests it (infra/ names it), read from the repository. */
export const readSmokeEvent = (root: string, service: FunctionName): unknown =>
  JSON.parse(
    readFileSync(path.join(root, FUNCTIONS[service].directory, FUNCTIONS[service].smokeEvent), "utf8"),
  );
