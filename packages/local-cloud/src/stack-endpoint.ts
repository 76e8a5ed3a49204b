import { randomUUID } from "node:crypto";
import http from "node:http";
import { type AwsEndpoint, checkAwsRequest, sendRefusal } from "@holonet/local-auth/aws-request-guard";
import { listenOnLoopback } from "./loopback-server";

/** What the local cloud shows of a stage's stack: its name and its outputs. */
export interface LocalStack {
  name: string;
  outputs: Record<string, string>;
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

const XMLNS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

function describeStacksXml(stack: LocalStack, region: string, created: string): string {
  const outputs = Object.entries(stack.outputs)
    .map(
      ([key, value]) =>
        `<member><OutputKey>${escapeXml(key)}</OutputKey><OutputValue>${escapeXml(value)}</OutputValue></member>`,
    )
    .join("");
  return `<DescribeStacksResponse xmlns="${XMLNS}"><DescribeStacksResult><Stacks><member><StackName>${escapeXml(stack.name)}</StackName><StackId>arn:aws:cloudformation:${region}:000000000000:stack/${escapeXml(stack.name)}/local</StackId><CreationTime>${created}</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${outputs}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></DescribeStacksResponse>`;
}

const errorXml = (code: string, message: string) =>
  `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;

/**
 * The CloudFormation calls the deploy tools make of a stage's stack, DescribeStacks and DeleteStack,
 * answered for the local stage as AWS answers them (the query protocol: a form-encoded POST, an XML answer).
 * On AWS the stack's outputs name its roles, buckets and API; here the local cloud, which made those, names
 * them. So the deploy scripts read the same outputs the same way in both worlds. A deleted stack is gone
 * until the local cloud starts again (`pnpm dev --reset` starts it empty).
 */
export async function startStackEndpoint(options: {
  stack: () => LocalStack;
  region: string;
  port: number;
  /** Who may call it: requests signed with the local cloud's credentials (query protocol errors). */
  auth: AwsEndpoint;
}) {
  const created = new Date().toISOString();
  let deleted = false;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 65_536) chunks.push(chunk);
    });
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const refusal = checkAwsRequest(options.auth, request, raw);
      if (refusal) return sendRefusal(response, refusal);
      const body = raw.toString("utf8");
      const form = new URLSearchParams(body);
      const answer = (status: number, xml: string) =>
        response.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": randomUUID() }).end(xml);
      const action = form.get("Action");
      if (request.method !== "POST" || (action !== "DescribeStacks" && action !== "DeleteStack")) {
        answer(
          400,
          errorXml(
            "InvalidAction",
            `The local cloud answers DescribeStacks and DeleteStack, not ${action ?? "nothing"}.`,
          ),
        );
        return;
      }
      const stack = options.stack();
      const asked = form.get("StackName");
      if (action === "DeleteStack") {
        // Deleting a stack that is not there succeeds on AWS too.
        if (asked === stack.name) deleted = true;
        answer(
          200,
          `<DeleteStackResponse xmlns="${XMLNS}"><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></DeleteStackResponse>`,
        );
        return;
      }
      if (deleted || (asked && asked !== stack.name)) {
        answer(400, errorXml("ValidationError", `Stack with id ${asked ?? stack.name} does not exist`));
        return;
      }
      answer(200, describeStacksXml(stack, options.region, created));
    });
  });
  return listenOnLoopback(server, options.port);
}
