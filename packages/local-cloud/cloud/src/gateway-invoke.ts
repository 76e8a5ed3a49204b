import type { HttpApiOptions } from "@holonet/local-gateway/http-api";
import type { LambdaService } from "@holonet/local-lambda/lambda-service";

/** The HTTP API's integration: the route's function, invoked through the Lambda service in this process. */
export const invokeThroughLambda =
  (lambda: Pick<LambdaService, "invokeForIntegration">): HttpApiOptions["invoke"] =>
  ({ functionName, qualifier }, payload, { traceHeader }) =>
    lambda.invokeForIntegration({ functionName, qualifier, payload, traceHeader });
