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

/** What a visitor who followed a link to a quote is told when the API has no such quote. */
export const NOT_IN_ARCHIVES = "That quote is not in the archives.";

/**
 * The text shown when one saved quote cannot be shown. On `GET /quotes/{id}` a 400 can only be an id of
 * the wrong form (a link cut short, a typo) and a 404 an id nobody saved: to a visitor both mean the
 * quote is not there, and the validator's wording (`path.id: must be a quote id ...`) would mean nothing.
 */
export function savedQuoteFailureMessage(failure: ApiFailure): string {
  if (failure.kind === "http" && (failure.status === 400 || failure.status === 404)) return NOT_IN_ARCHIVES;
  return failureMessage(failure);
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
