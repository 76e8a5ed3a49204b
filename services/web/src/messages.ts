import type { ApiFailure } from "./api-client";

/**
 * The text shown for a failure. The API's own message is meant for people (the error model shows only
 * errors below 500 in full), so it is shown as is; a 5xx also says the fault is not the visitor's.
 */
export function failureMessage(failure: ApiFailure): string {
  if (failure.kind === "http" && failure.status >= 500) {
    return `${failure.message} (the service had a problem, error ${failure.status}; try again in a moment)`;
  }
  // Still throttled after the client's own retries (retry-policy.ts): the visitor may try again later.
  if (failure.kind === "http" && failure.status === 429) {
    return `${failure.message} (the service is busy; try again in a moment)`;
  }
  return failure.message;
}

/** `2024-11-27T12:45:03.120Z` -> `27 Nov 2024, 12:45 UTC`: the same for every visitor and every test. */
export function savedAtLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const month = date.toLocaleString("en-GB", { month: "short", timeZone: "UTC" });
  const time = date.toISOString().slice(11, 16);
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}, ${time} UTC`;
}

/** The heading of the saved list, counting what is shown and saying whether there is more. */
export function listSummary(shown: number, hasMore: boolean): string {
  if (shown === 0) return "No saved quotes yet. Get a quote and save it.";
  const noun = shown === 1 ? "quote" : "quotes";
  return hasMore ? `Showing the newest ${shown} ${noun}.` : `${shown} saved ${noun}.`;
}
