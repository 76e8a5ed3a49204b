import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { browserTestPlan, launchChromium, skipWithoutChromium } from "@holonet/browser-test/chromium";
import { describe, expect, it } from "vitest";

// "The diagrams render": every Mermaid block of the docs is drawn by Mermaid itself, in a real (offline)
// Chromium, as GitHub draws them. A syntax error, an unknown keyword or HTML in a label fails here.
const root = path.resolve(import.meta.dirname, "../../../..");
const DOCUMENTS = ["README.md", "docs/architecture.md"];
const mermaidScript = readFileSync(
  createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js"),
  "utf8",
);

const diagrams = DOCUMENTS.flatMap((file) =>
  [...readFileSync(path.join(root, file), "utf8").matchAll(/```mermaid\n([\s\S]*?)```/g)].map(
    (match, index) => ({
      name: `${file} #${index + 1}`,
      text: match[1] ?? "",
    }),
  ),
);

/** A diagram Mermaid must refuse. */
const BROKEN = { name: "self-check: a broken diagram", text: "flowchart LR\n  a --> b[unclosed\n" };

describe("the docs' Mermaid diagrams", () => {
  it("are there: the README's picture and the architecture's", () => {
    expect(diagrams.filter((d) => d.name.startsWith("README.md"))).toHaveLength(1);
    expect(diagrams.filter((d) => d.name.startsWith("docs/architecture.md")).length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("render with Mermaid in Chromium, each to an SVG", async (context) => {
    const plan = browserTestPlan();
    skipWithoutChromium(context, plan);
    const browser = await launchChromium({ executablePath: plan.executablePath });
    try {
      const page = await browser.context.newPage();
      await page.setContent("<!doctype html><html><body></body></html>");
      await page.addScriptTag({ content: mermaidScript });
      const results = await page.evaluate(
        async (list) => {
          const mermaid = (
            globalThis as unknown as {
              mermaid: {
                initialize(o: object): void;
                render(id: string, text: string): Promise<{ svg: string }>;
              };
            }
          ).mermaid;
          mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
          const out: { name: string; ok: boolean; detail: string }[] = [];
          for (const [index, diagram] of list.entries()) {
            try {
              const { svg } = await mermaid.render(`diagram${index}`, diagram.text);
              out.push({ name: diagram.name, ok: svg.startsWith("<svg"), detail: svg.slice(0, 40) });
            } catch (error) {
              out.push({ name: diagram.name, ok: false, detail: String((error as Error).message ?? error) });
            }
          }
          return out;
        },
        [...diagrams, BROKEN],
      );
      // Everything renders but the planted broken diagram, which shows that a failure is seen.
      expect(results.filter((result) => !result.ok).map((result) => result.name)).toEqual([BROKEN.name]);
      expect(results).toHaveLength(diagrams.length + 1);
    } finally {
      await browser.close();
    }
  });
});
