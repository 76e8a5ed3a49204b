import { invocationLogger } from "./invocation-scope";
import type { Logger } from "./logger";

/** The part of an AWS SDK v3 client this needs; every client has it. */
interface SdkClient {
  middlewareStack: { add(middleware: unknown, options: { step: "initialize"; name: string }): void };
}

interface CallContext {
  clientName?: string;
  commandName?: string;
}

type Next = (args: unknown) => Promise<{ output?: { $metadata?: { httpStatusCode?: number } } }>;

/**
 * Logs every call the client makes as a span of the invocation's trace: which service and operation, how
 * long it took (retries included) and the HTTP status. The trace id rides on the invocation's log fields;
 * the SDK itself passes the trace header on to the service (its recursion-detection middleware).
 */
export function logAwsCallSpans<C extends SdkClient>(client: C, fallback: Logger): C {
  const middleware = (next: Next, context: CallContext) => async (args: unknown) => {
    const service = (context.clientName ?? "AWS").replace(/Client$/, "");
    const name = `${service} ${(context.commandName ?? "call").replace(/Command$/, "")}`;
    const started = performance.now();
    const span = (status: number | undefined) => ({
      span: {
        hop: service === "S3" ? "s3" : "aws",
        name,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        ...(status !== undefined && { status }),
      },
    });
    try {
      const result = await next(args);
      (invocationLogger() ?? fallback).info(name, span(result.output?.$metadata?.httpStatusCode));
      return result;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      (invocationLogger() ?? fallback).info(name, span(status));
      throw error;
    }
  };
  client.middlewareStack.add(middleware, { step: "initialize", name: "holonetCallSpans" });
  return client;
}
