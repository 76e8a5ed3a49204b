/**
 * When the page sends a call again, as a client of API Gateway must decide it:
 * - 429 is API Gateway's own throttling, which refuses a request before any function runs: any call, a save
 *   included, is safe to send again after a jittered backoff
 *   (https://repost.aws/knowledge-center/api-gateway-429-limit).
 * - A throttled function is no 429 but a 500 `{"message":"Internal Server Error"}`, like a function that
 *   crashed (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html), and a timeout a
 *   503. The page cannot tell whether the function ran, so only a read, which changes nothing, is sent again;
 *   a save is not, since one that failed after writing would then be stored twice.
 */
export function shouldRetry(method: string, status: number): boolean {
  if (status === 429) return true;
  return method === "GET" && (status === 500 || status === 502 || status === 503 || status === 504);
}

/** At most this many calls after the first. */
export const MAX_RETRIES = 2;

const FIRST_BACKOFF_MS = 400;

/** The pause before retry `retry` (0 for the first): doubling each time, its second half random, so that
 * pages throttled together do not all come back at once. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const ceiling = FIRST_BACKOFF_MS * 2 ** retry;
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
