/** A table cell: pipes escaped, on one line. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

/** A Markdown table with its columns padded, as Biome formats one, so that `biome check` leaves it be. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const cells = [headers, ...rows].map((row) => row.map(cell));
  const widths = headers.map((_, column) =>
    Math.max(3, ...cells.map((row) => [...(row[column] ?? "")].length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((text, column) => text + " ".repeat((widths[column] ?? 0) - [...text].length)).join(" | ")} |`;
  const [head = [], ...body] = cells;
  return [line(head), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
}

export const code = (text: string) => `\`${text}\``;

/** A document from its blocks, one blank line between them, ending with a newline. */
export const markdownDocument = (blocks: string[]) => `${blocks.filter(Boolean).join("\n\n")}\n`;

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
export const headingAnchor = (heading: string) =>
  `#${heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- ]/gu, "")
    .replace(/ /g, "-")}`;
