/**
 * Wraps an expensive async read (one that calls the Lambda or S3 API) so that any number of polling pages
 * cause at most one call per `maxAgeMs`: callers share the call in flight and then its answer while it is
 * fresh. A failure is not kept, so the next caller tries again.
 */
export function cachedCall<T>(
  read: () => Promise<T>,
  maxAgeMs: number,
  now: () => number = Date.now,
): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  let kept: { value: T; at: number } | undefined;
  return () => {
    if (kept && now() - kept.at < maxAgeMs) return Promise.resolve(kept.value);
    if (inFlight) return inFlight;
    const call = read().then(
      (value) => {
        kept = { value, at: now() };
        inFlight = undefined;
        return value;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    inFlight = call;
    return call;
  };
}
