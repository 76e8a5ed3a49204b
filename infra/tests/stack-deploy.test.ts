import { describe, expect, it } from "vitest";
import { renderTemplate } from "../src/cloudformation-template";
import { DeployError } from "../src/deploy-decisions";
import { type DeployOptions, deployStack } from "../src/stack-deploy";

// There is no AWS account here and no local CloudFormation, so these tests play CloudFormation's side of
// the conversation from a script: each command name answers its scripted replies in turn, and the test
// checks what was asked, in which order.
type Reply = Record<string, unknown> | Error;

function scriptedCloudFormation(script: Record<string, Reply[]>) {
  const calls: { command: string; input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, "");
      calls.push({ command: name, input: command.input });
      const replies = script[name] ?? [];
      const reply = replies.length > 1 ? replies.shift() : replies[0];
      if (reply === undefined) return {};
      if (reply instanceof Error) throw reply;
      return reply;
    },
  } as unknown as DeployOptions["client"];
  return { client, calls, commands: () => calls.map((call) => call.command) };
}

const missingStack = Object.assign(new Error("Stack with id holonet-dev does not exist"), {
  name: "ValidationError",
});
const change = (action: string, id: string, type: string) => ({
  Type: "Resource",
  ResourceChange: { Action: action, LogicalResourceId: id, ResourceType: type },
});

async function deploy(script: Record<string, Reply[]>, dryRun = false) {
  const cloudFormation = scriptedCloudFormation(script);
  const lines: string[] = [];
  const result = deployStack({
    client: cloudFormation.client,
    stage: "dev",
    dryRun,
    log: (line) => lines.push(line),
    sleep: async () => {},
  });
  return { result, lines, ...cloudFormation };
}

describe("deploying the stack through a change set", () => {
  it("plans a new stack on a dry run, prints the plan, and leaves nothing behind", async () => {
    const run = await deploy(
      {
        DescribeStacks: [missingStack],
        DescribeChangeSet: [
          { Status: "CREATE_PENDING" },
          { Status: "CREATE_COMPLETE", Changes: [change("Add", "DataBucket", "AWS::S3::Bucket")] },
        ],
      },
      true,
    );
    await expect(run.result).resolves.toBe("planned");
    expect(run.commands()).toEqual([
      "DescribeStacks",
      "CreateChangeSet",
      "DescribeChangeSet",
      "DescribeChangeSet",
      "DeleteChangeSet",
      "DeleteStack",
    ]);
    expect(run.calls[1]?.input).toMatchObject({
      StackName: "holonet-dev",
      ChangeSetType: "CREATE",
      Capabilities: ["CAPABILITY_NAMED_IAM"],
      TemplateBody: renderTemplate("dev"),
      // A destroyed stage's retained data bucket is adopted, not a name clash that strands the stack:
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/import-resources-automatically.html
      ImportExistingResources: true,
    });
    expect(run.lines.join("\n")).toMatch(/Add\s+AWS::S3::Bucket\s+DataBucket/);
  });

  it("says 'no changes' for an empty change set, deletes it and succeeds", async () => {
    const run = await deploy({
      DescribeStacks: [{ Stacks: [{ StackName: "holonet-dev", StackStatus: "UPDATE_COMPLETE" }] }],
      DescribeChangeSet: [
        {
          Status: "FAILED",
          StatusReason:
            "The submitted information didn't contain changes. Submit different information to create a change set.",
        },
      ],
    });
    await expect(run.result).resolves.toBe("no-changes");
    expect(run.calls[1]?.input).toMatchObject({ ChangeSetType: "UPDATE" });
    expect(run.commands()).toEqual([
      "DescribeStacks",
      "CreateChangeSet",
      "DescribeChangeSet",
      "DeleteChangeSet",
    ]);
    expect(run.lines.at(-1)).toContain("no changes");
  });

  it("executes the change set, shows the events until the stack settles, then the outputs", async () => {
    const run = await deploy({
      DescribeStacks: [
        { Stacks: [{ StackStatus: "UPDATE_COMPLETE" }] },
        { Stacks: [{ StackStatus: "UPDATE_IN_PROGRESS" }] },
        {
          Stacks: [
            {
              StackStatus: "UPDATE_COMPLETE",
              Outputs: [
                { OutputKey: "ApiUrl", OutputValue: "https://abc.execute-api.eu-west-1.amazonaws.com" },
              ],
            },
          ],
        },
      ],
      DescribeChangeSet: [
        { Status: "CREATE_COMPLETE", Changes: [change("Modify", "HttpApi", "AWS::ApiGatewayV2::Api")] },
      ],
      DescribeStackEvents: [
        {
          StackEvents: [
            {
              EventId: "1",
              Timestamp: new Date(Date.now() + 60_000),
              LogicalResourceId: "HttpApi",
              ResourceType: "AWS::ApiGatewayV2::Api",
              ResourceStatus: "UPDATE_COMPLETE",
            },
          ],
        },
      ],
    });
    await expect(run.result).resolves.toBe("deployed");
    expect(run.commands()).toContain("ExecuteChangeSet");
    const output = run.lines.join("\n");
    expect(output.match(/UPDATE_COMPLETE\s+AWS::ApiGatewayV2::Api\s+HttpApi/g)).toHaveLength(1);
    expect(output).toContain("ApiUrl = https://abc.execute-api.eu-west-1.amazonaws.com");
  });

  it("fails, naming the status, when the stack rolls back", async () => {
    const run = await deploy({
      DescribeStacks: [
        { Stacks: [{ StackStatus: "UPDATE_COMPLETE" }] },
        { Stacks: [{ StackStatus: "UPDATE_ROLLBACK_COMPLETE" }] },
      ],
      DescribeChangeSet: [{ Status: "CREATE_COMPLETE", Changes: [] }],
    });
    await expect(run.result).rejects.toThrow(DeployError);
    await expect(run.result).rejects.toThrow(/UPDATE_ROLLBACK_COMPLETE/);
  });

  it("refuses to touch a stack that is still busy", async () => {
    const run = await deploy({ DescribeStacks: [{ Stacks: [{ StackStatus: "UPDATE_IN_PROGRESS" }] }] });
    await expect(run.result).rejects.toThrow(/busy/);
    expect(run.commands()).toEqual(["DescribeStacks"]);
  });
});
