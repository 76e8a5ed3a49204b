/** Biome's (and Prettier's) JSON layout: the generated files must come out of `biome check` unchanged. */
const LINE_WIDTH = 110;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isScalar = (value: Json) =>
  value === null ||
  typeof value !== "object" ||
  (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);

const scalarText = (value: Json) => (Array.isArray(value) ? "[]" : JSON.stringify(value));

/**
 * Objects are always expanded (Biome keeps an object expanded when its first key starts a new line);
 * an array of scalars goes on one line when that line fits, as Biome would put it.
 */
function render(value: Json, indent: string, prefixWidth: number, suffixWidth: number): string {
  if (isScalar(value)) return scalarText(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every(isScalar)) {
      const flat = `[${value.map(scalarText).join(", ")}]`;
      if (prefixWidth + flat.length + suffixWidth <= LINE_WIDTH) return flat;
    }
    const items = value.map(
      (item, index) => `${inner}${render(item, inner, inner.length, index < value.length - 1 ? 1 : 0)}`,
    );
    return `[\n${items.join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, Json>);
  const lines = entries.map(([key, item], index) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return `${head}${render(item, inner, head.length, index < entries.length - 1 ? 1 : 0)}`;
  });
  return `{\n${lines.join(",\n")}\n${indent}}`;
}

/** A JSON file's text, laid out as Biome formats it, with a final newline. */
export const jsonText = (value: unknown) => `${render(value as Json, "", 0, 0)}\n`;
