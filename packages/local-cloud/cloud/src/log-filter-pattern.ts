/**
 * CloudWatch Logs' filter pattern for unstructured events: space-separated terms an event must all contain,
 * case-sensitive; a term in double quotes may hold spaces and symbols; `?term` terms match if any does
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html). JSON and
 * space-delimited patterns (`{ $.level = ... }`, `[ip, ...]`) are not supported locally: null for those.
 */
export function compileFilterPattern(pattern: string | undefined): ((message: string) => boolean) | null {
  const text = pattern?.trim() ?? "";
  if (text === "") return () => true;
  if (text.startsWith("{") || text.startsWith("[")) return null;
  const all: string[] = [];
  const any: string[] = [];
  const excluded: string[] = [];
  for (const match of text.matchAll(/([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)) {
    const term = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "");
    if (match[1] === "?") any.push(term);
    else if (match[1] === "-") excluded.push(term);
    else all.push(term);
  }
  return (message) =>
    all.every((term) => message.includes(term)) &&
    !excluded.some((term) => message.includes(term)) &&
    (any.length === 0 || any.some((term) => message.includes(term)));
}
