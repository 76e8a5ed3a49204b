import { type InvokeOutcome, startInstance } from "./function-instance";
import type { FunctionIdentity } from "./lambda-context";

export interface BundleFunction extends FunctionIdentity {
  /** Lambda's runtime identifier (nodejs22.x, nodejs24.x): the bundle runs on that Node.js major. */
  runtime: string;
  /** The directory holding the code (Lambda's LAMBDA_TASK_ROOT). */
  taskRoot: string;
  /** `file.export`, e.g. handler.handler. */
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** The function's own environment variables, from its configuration. */
  environment: Record<string, string>;
}

/**
 * Runs one invocation in a fresh instance (a cold start), then ends it: its own process, its own
 * environment, ended by the function's timeout.
 */
export async function invokeOnce(fn: BundleFunction, event: unknown): Promise<InvokeOutcome> {
  const { functionName, functionVersion, region, ...rest } = fn;
  const instance = startInstance({ ...rest, identity: { functionName, functionVersion, region } });
  try {
    return await instance.invoke(event);
  } finally {
    await instance.close();
  }
}
