const UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--since`: a duration back from now (`90s`, `10m`, `2h`, `1d`) or a date-time (`2026-11-27T13:00:00Z`). */
export function parseSince(text: string, now = Date.now()): number | undefined {
  const match = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (match) return now - Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
  const at = /^\d{4}-\d\d-\d\d/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : at;
}

/** `--filter` is a plain term: quoted, so CloudWatch Logs reads spaces and symbols literally (FilterAndPatternSyntax). */
export const plainTermPattern = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
