// The HTTP API's settings and records, in a module of their own: the gateway's parts read them, and
// http-api.ts, which starts the gateway from those parts, must not be imported back by them.
import type { InvocationOutcome, SerializedEvent } from "@holonet/local-lambda/lambda-service";

export interface GatewayRoute {
  method: string;
  /** `/quotes/{id}`; a greedy `{proxy+}` may end it; `$default` catches what no other route does. */
  path: string;
  target: { functionName: string; qualifier: string };
}

export interface CorsSettings {
  allowOrigins: string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
  allowCredentials?: boolean;
}

export interface HttpApiOptions {
  /** 0 (the default) for any free port; the API listens on 127.0.0.1 only. */
  port?: number;
  routes: GatewayRoute[];
  /** Absent: no CORS handling at all, as on an API with no CORS configuration. */
  cors?: CorsSettings;
  throttling: { rateLimit: number; burstLimit: number };
  /** 10 MB on AWS. */
  payloadLimitBytes: number;
  /** 30 on AWS. */
  integrationTimeoutSeconds: number;
  /**
   * Invokes the route's function with the event (JSON bytes) and the request's trace header, and says what
   * became of it, in the Lambda service's own terms. Each failure reaches the client as the same 500, as API
   * Gateway answers it; the kinds differ in what the gateway records of why (`GatewayRecord.integrationError`).
   * A rejection is a fault of the invoke itself, answered with a 500 like any failure.
   */
  invoke: (
    target: GatewayRoute["target"],
    event: SerializedEvent,
    trace: { traceHeader: string },
  ) => Promise<InvocationOutcome>;
  apiId?: string;
  region?: string;
  accountId?: string;
  onRequest?: (record: GatewayRecord) => void;
}

/** One request the API answered, for the local cloud's logs, metrics and traces. */
export interface GatewayRecord {
  requestId: string;
  /** Epoch ms when the request arrived. */
  startedAt: number;
  /** Set once the request was routed to an integration. */
  traceHeader?: string;
  method: string;
  path: string;
  routeKey: string | null;
  status: number;
  latencyMs: number;
  integrationLatencyMs?: number;
  /**
   * Why the integration failed, when it did: what an HTTP API's access log shows as
   * `$context.integrationErrorMessage` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
   */
  integrationError?: string;
}
