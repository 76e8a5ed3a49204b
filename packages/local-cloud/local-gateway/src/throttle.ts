export interface TokenBucket {
  /** Takes a token for one request; false when the bucket is empty and the request is throttled. */
  take(): boolean;
}

/**
 * API Gateway's throttle: a token bucket holding `burstLimit` tokens, refilled at `rateLimit` per second,
 * one token per request; with none left the request gets a 429
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html). Limits of 0
 * throttle every request (https://github.com/terraform-aws-modules/terraform-aws-apigateway-v2/issues/59).
 */
export function createTokenBucket(
  settings: { rateLimit: number; burstLimit: number },
  now: () => number = performance.now.bind(performance),
): TokenBucket {
  const capacity = Math.max(0, settings.burstLimit);
  const perMs = Math.max(0, settings.rateLimit) / 1000;
  let tokens = capacity;
  let last = now();
  return {
    take() {
      const current = now();
      tokens = Math.min(capacity, tokens + (current - last) * perMs);
      last = current;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
