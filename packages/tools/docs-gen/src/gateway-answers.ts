// The gateway's own answers, from the gateway itself: each status and message is stated once.
import {
  INTERNAL_SERVER_ERROR,
  NOT_FOUND,
  REQUEST_ENTITY_TOO_LARGE,
  SERVICE_UNAVAILABLE,
  TOO_MANY_REQUESTS,
} from "@holonet/local-gateway/gateway-errors";
import * as z from "zod";

/** The body of an answer API Gateway gives itself, without reaching a function. */
export const GatewayError = z
  .object({ message: z.string().describe("API Gateway's reason phrase, e.g. Not Found.") })
  .describe("API Gateway's own answer, which never reached a function.")
  .meta({ id: "GatewayError" });

/** The answers any route of an HTTP API can get from API Gateway itself, by status. */
export const GATEWAY_ANSWERS = [
  { error: NOT_FOUND, when: "no route matches the method and path" },
  { error: REQUEST_ENTITY_TOO_LARGE, when: "the request's payload is over the HTTP API's limit" },
  {
    error: TOO_MANY_REQUESTS,
    when: "the stage's throttling limits are exceeded (no function ran: safe to retry)",
  },
  {
    error: INTERNAL_SERVER_ERROR,
    when: "the function failed, its response could not be mapped, or Lambda refused it (a throttle, an event over 6 MB)",
  },
  { error: SERVICE_UNAVAILABLE, when: "the integration ran past its timeout" },
].map(({ error, when }) => ({
  status: error.statusCode,
  message: (JSON.parse(error.body.toString("utf8")) as { message: string }).message,
  when,
}));
