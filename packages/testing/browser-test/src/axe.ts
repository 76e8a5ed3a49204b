import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** axe-core's browser build, from this package's pinned dependency: nothing is fetched. */
export const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** The rules a check runs: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/**
 * Runs axe-core on the page as it is now and answers its violations. Our pages forbid inline scripts in
 * their Content-Security-Policy, and `page.addScriptTag({ path })` adds the file's contents as an inline
 * script, which that policy refuses; so the source is evaluated through the DevTools protocol
 * (`page.evaluate`), which a page's policy does not govern. The page under test keeps its real policy.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const present = await page.evaluate(() => "axe" in window);
  if (!present) await page.evaluate(await readFile(AXE_SCRIPT, "utf8"));
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: AxeGlobal }).axe;
    const results = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String),
        failureSummary: node.failureSummary ?? "",
      })),
    }));
  }, AXE_TAGS);
}

/** One line per offending element, e.g. `color-contrast (serious) .hop-badge: ... contrast of 3.3 ...`, for a test's failure message. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? "?"}) ${node.target.join(" ")}: ${node.failureSummary.replace(/\s+/g, " ").trim()}`,
    ),
  );
}

/** The part of axe's API that runs in the page. */
interface AxeGlobal {
  run(
    context: Document,
    options: object,
  ): Promise<{
    violations: {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }[];
  }>;
}
