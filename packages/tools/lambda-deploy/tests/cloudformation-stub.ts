import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A stack as the stub shows it; `afterDelete` is the status DeleteStack leaves, or "gone". */
export interface StubStack {
  outputs?: Record<string, string>;
  afterDelete: "gone" | "DELETE_FAILED";
  status?: string;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function describeXml(name: string, stack: StubStack): string {
  const outputs = Object.entries(stack.outputs ?? {})
    .map(
      ([key, value]) =>
        `<member><OutputKey>${escapeXml(key)}</OutputKey><OutputValue>${escapeXml(value)}</OutputValue></member>`,
    )
    .join("");
  return `<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>${name}</StackName><StackId>x</StackId><CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>${stack.status ?? "CREATE_COMPLETE"}</StackStatus><Outputs>${outputs}</Outputs></member></Stacks></DescribeStacksResult></DescribeStacksResponse>`;
}

/**
 * CloudFormation's query protocol for DescribeStacks and DeleteStack, over the stacks given; a stack that is
 * not there answers as AWS does, a 400 ValidationError "Stack with id ... does not exist"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html).
 */
export async function startCloudFormationStub(stacks: Map<string, StubStack>) {
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const form = new URLSearchParams(body);
      const name = form.get("StackName") ?? "";
      const stack = stacks.get(name);
      const xml = (status: number, text: string) =>
        response.writeHead(status, { "content-type": "text/xml" }).end(text);
      if (form.get("Action") === "DeleteStack") {
        if (stack?.afterDelete === "gone") stacks.delete(name);
        else if (stack) stack.status = stack.afterDelete;
        return xml(
          200,
          "<DeleteStackResponse><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DeleteStackResponse>",
        );
      }
      if (!stack)
        return xml(
          400,
          `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${name} does not exist</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
        );
      xml(200, describeXml(name, stack));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: it was free a moment ago. */
export async function deadEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
