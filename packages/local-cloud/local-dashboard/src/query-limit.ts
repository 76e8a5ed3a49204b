export const DEFAULT_INVOCATIONS_LIMIT = 50;
export const MAX_INVOCATIONS_LIMIT = 200;

export type LimitResult = { ok: true; limit: number } | { ok: false; message: string };

/**
 * `limit` of GET /api/invocations: absent means the default; otherwise exactly one decimal integer from 1
 * to 200. `1.5`, `1e2`, ` 7`, `+7`, `007` and a repeated parameter are refused rather than guessed at.
 */
export function parseLimit(query: URLSearchParams): LimitResult {
  const values = query.getAll("limit");
  if (values.length === 0) return { ok: true, limit: DEFAULT_INVOCATIONS_LIMIT };
  const [value] = values;
  if (values.length === 1 && value !== undefined && /^[1-9][0-9]{0,2}$/.test(value)) {
    const limit = Number(value);
    if (limit <= MAX_INVOCATIONS_LIMIT) return { ok: true, limit };
  }
  return { ok: false, message: `limit must be one integer from 1 to ${MAX_INVOCATIONS_LIMIT}.` };
}
