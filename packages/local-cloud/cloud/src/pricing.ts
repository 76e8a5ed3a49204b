/**
 * AWS list prices (us-east-1), as published on 2026-11-27:
 * - Lambda, x86: $0.20 per 1M requests and $0.0000166667 per GB-second; free tier 1M requests and
 *   400,000 GB-seconds a month. Since 2025-08-01 the INIT phase is billed like the rest of the duration.
 *   https://aws.amazon.com/lambda/pricing/ and
 *   https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html
 * - API Gateway HTTP API: $1.00 per 1M requests (first 300M a month); free tier 1M calls a month for
 *   12 months, new accounts only. https://aws.amazon.com/api-gateway/pricing/
 */
export const PRICES = {
  lambdaPerRequest: 0.2 / 1e6,
  lambdaPerGbSecond: 0.0000166667,
  httpApiPerRequest: 1.0 / 1e6,
  freeTier: { lambdaRequests: 1e6, lambdaGbSeconds: 400_000, httpApiRequests: 1e6 },
} as const;
