const PERCENT_SEQUENCE = /%[0-9a-fA-F]{2}/;

/**
 * Decodes a URL component, keeping it as sent when its percent-encoding is malformed: a request must
 * never crash the router, and a client's `%zz` is better passed on than refused for nothing.
 */
export function decodeComponent(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return PERCENT_SEQUENCE.test(value) ? decodeValidSequences(value) : value;
  }
}

/** Decodes the `%XX` runs that form valid UTF-8 and leaves the rest as they were. */
function decodeValidSequences(value: string): string {
  return value.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** A query string value, where `+` is a space, as API Gateway decodes it: observed in
 * https://github.com/aws/aws-cdk/issues/19827 (`?sort=-+createdAt` arrives as `"- createdAt"`). */
export const decodeQueryComponent = (value: string): string =>
  decodeComponent(value.includes("+") ? value.replaceAll("+", " ") : value);
