import type { Runtime } from "@aws-sdk/client-lambda";

/** What a function is to Lambda: its name and configuration, from the application definition. */
export interface FunctionSpec {
  name: string;
  description: string;
  runtime: Runtime;
  handler: string;
  role: string;
  memoryMb: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  reservedConcurrency?: number;
}
