/**
 * The duration Lambda bills for an invocation: its duration and its init (Lambda bills the init phase too,
 * from August 2025), rounded up to the nearest 1 ms (https://aws.amazon.com/lambda/pricing/).
 */
export const billedDurationMs = (measures: {
  durationMs: number;
  initDurationMs?: number | undefined;
}): number => Math.ceil(measures.durationMs + (measures.initDurationMs ?? 0));
