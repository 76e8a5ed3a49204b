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
  /** The CloudWatch Logs group this version logs to (its LoggingConfig). */
  logGroup: string;
  /** X-Ray: Active samples and records traces; PassThrough only passes the caller's trace header on. */
  tracing: "Active" | "PassThrough";
  reservedConcurrency?: number;
}
