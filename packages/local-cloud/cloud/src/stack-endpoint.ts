import { randomUUID } from "node:crypto";
import http from "node:http";
import { type AwsEndpoint, checkAwsRequest, sendRefusal } from "@holonet/local-auth/aws-request-guard";
import type { LocalStacks } from "./local-stacks";
import { listenOnLoopback } from "./loopback-server";
import { StackApiError } from "./stack-records";
import { changeSetXml, errorXml, eventsXml, responseXml, stacksXml } from "./stack-xml";

/** A template's body may be 51,200 bytes; the rest of a request is small. */
const BODY_LIMIT_BYTES = 262_144;

/** Each action the deploy tools call, answering its result's XML (or nothing) from the form's fields. */
function actions(stacks: LocalStacks) {
  const changeSetOf = (form: URLSearchParams) => form.get("ChangeSetName") ?? "";
  return {
    DescribeStacks: async (form: URLSearchParams) => stacksXml(stacks.describe(form.get("StackName"))),
    DeleteStack: async (form: URLSearchParams) => {
      await stacks.deleteStack(form.get("StackName") ?? "");
      return undefined;
    },
    DescribeStackEvents: async (form: URLSearchParams) =>
      eventsXml(stacks.events(form.get("StackName") ?? "")),
    CreateChangeSet: async (form: URLSearchParams) => {
      const changeSet = await stacks.createChangeSet({
        stackName: form.get("StackName") ?? "",
        name: changeSetOf(form),
        type: form.get("ChangeSetType") === "CREATE" ? "CREATE" : "UPDATE",
        body: form.get("TemplateBody"),
        importExisting: form.get("ImportExistingResources") === "true",
      });
      return `<Id>${changeSet.id}</Id><StackId>${changeSet.stackId}</StackId>`;
    },
    DescribeChangeSet: async (form: URLSearchParams) =>
      changeSetXml(stacks.describeChangeSet(form.get("StackName"), changeSetOf(form))),
    ExecuteChangeSet: async (form: URLSearchParams) => {
      await stacks.executeChangeSet(form.get("StackName"), changeSetOf(form));
      return "";
    },
    DeleteChangeSet: async (form: URLSearchParams) => {
      stacks.deleteChangeSet(form.get("StackName"), changeSetOf(form));
      return "";
    },
  } satisfies Record<string, (form: URLSearchParams) => Promise<string | undefined>>;
}

type Action = keyof ReturnType<typeof actions>;

/** The request's body, at most BODY_LIMIT_BYTES of it. */
function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/**
 * The CloudFormation API of the stage stacks, as AWS answers it (the query protocol: a form-encoded POST,
 * an XML answer): the calls the stack deploy, the per-service deploy and destroy make. What each call does
 * is in local-stacks.ts; this is the protocol alone.
 */
export async function startStackEndpoint(options: {
  stacks: LocalStacks;
  port: number;
  /** Who may call it: requests signed with the local cloud's credentials (query protocol errors). */
  auth: AwsEndpoint;
}) {
  const handlers = actions(options.stacks);
  const server = http.createServer(async (request, response) => {
    const raw = await readBody(request);
    const refusal = checkAwsRequest(options.auth, request, raw);
    if (refusal) return sendRefusal(response, refusal);
    const answer = (status: number, xml: string) =>
      response.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": randomUUID() }).end(xml);
    const form = new URLSearchParams(raw.toString("utf8"));
    const action = form.get("Action") ?? "";
    if (request.method !== "POST" || !Object.hasOwn(handlers, action)) {
      const known = Object.keys(handlers).join(", ");
      return answer(
        400,
        errorXml("InvalidAction", `The local cloud answers ${known}, not ${action || "nothing"}.`),
      );
    }
    try {
      answer(200, responseXml(action, await handlers[action as Action](form)));
    } catch (error) {
      if (!(error instanceof StackApiError)) {
        answer(500, errorXml("InternalFailure", (error as Error).message));
        return;
      }
      answer(400, errorXml(error.code, error.message));
    }
  });
  return listenOnLoopback(server, options.port);
}
