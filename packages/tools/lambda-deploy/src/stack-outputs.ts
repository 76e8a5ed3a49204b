import { CloudFormationClient, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";

/**
 * A stage's stack outputs (its roles, buckets and API URL), read with DescribeStacks: from CloudFormation on
 * AWS, from the local cloud locally (AWS_ENDPOINT_URL_CLOUDFORMATION), by the same call.
 */
export async function readStackOutputs(
  client: CloudFormationClient,
  stackName: string,
): Promise<Record<string, string>> {
  const answer = await client
    .send(new DescribeStacksCommand({ StackName: stackName }))
    .catch((error: unknown) => {
      if ((error as { name?: string }).name === "ValidationError") {
        throw new Error(
          `The stack ${stackName} does not exist. Create it first (pnpm --filter @holonet/infra run deploy --stage <stage>), or, for the local cloud, run pnpm dev and point AWS_ENDPOINT_URL_CLOUDFORMATION at it.`,
        );
      }
      throw error;
    });
  const stack = answer.Stacks?.[0];
  return Object.fromEntries(
    (stack?.Outputs ?? []).map((output) => [output.OutputKey ?? "", output.OutputValue ?? ""]),
  );
}

export const cloudFormationClient = () => new CloudFormationClient({});

const isMissingStack = (error: unknown) =>
  (error as { name?: string }).name === "ValidationError" && /does not exist/.test((error as Error).message);

/**
 * The stack's status (CREATE_COMPLETE, DELETE_FAILED, ...), or undefined when it does not exist. Only
 * CloudFormation's own "does not exist" means that: any other failure (nothing listening, no credentials,
 * access denied) is thrown, so that nobody acts on a guess.
 */
export async function stackStatus(
  client: CloudFormationClient,
  stackName: string,
): Promise<string | undefined> {
  try {
    const answer = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    return answer.Stacks?.[0]?.StackStatus ?? "UNKNOWN";
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw new Error(`Cannot tell whether the stack ${stackName} exists: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
