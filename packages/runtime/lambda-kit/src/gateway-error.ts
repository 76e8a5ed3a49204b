/**
 * An answer API Gateway gives itself, never reaching a function. HTTP APIs answer them as JSON
 * `{"message": ...}`. The local gateway holds the whole family; shipped code needs only the 404, which
 * the adapters give on platforms without a router.
 */
export interface GatewayError {
  statusCode: number;
  body: Buffer;
}

export const gatewayError = (statusCode: number, message: string): GatewayError => ({
  statusCode,
  body: Buffer.from(JSON.stringify({ message })),
});

/** https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html ("Routing API requests") */
export const NOT_FOUND = gatewayError(404, "Not Found");
