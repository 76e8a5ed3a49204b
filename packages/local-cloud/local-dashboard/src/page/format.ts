const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 1234 -> "1,234". */
export const count = (value: number) => integer.format(value);

/** Milliseconds with as many decimals as help at that size: 3.14, 42.5, 1,250; "–" for no data. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return integer.format(value);
}

/** Dollars at AWS's scale for one developer: fractions of a cent need their digits. */
export function usd(value: number): string {
  if (value === 0) return "$0";
  if (value < 0.01) return `$${value.toPrecision(3)}`;
  return `$${value.toFixed(2)}`;
}

export function bytes(value: number): string {
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KB`;
  return `${(value / 1024 / 1024).toFixed(1)} MB`;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** Local wall-clock time with milliseconds: invocations a few ms apart must read apart. */
export function clock(epochMs: number): string {
  const at = new Date(epochMs);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
}

/** 754 -> "12 min 34 s". */
export function elapsed(seconds: number): string {
  const whole = Math.floor(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}
