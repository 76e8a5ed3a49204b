import { describe, expect, it } from "vitest";
import { architectureDocument } from "../src/architecture-diagrams";
import { markdownTable } from "../src/markdown";
import { replaceBlock } from "../src/service-readmes";

describe("the architecture document", () => {
  const text = architectureDocument();
  const diagrams = [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");

  it("has a component diagram and one sequence diagram per route", () => {
    expect(diagrams[0]).toMatch(/^flowchart LR/);
    expect(diagrams.slice(1).every((diagram) => diagram.startsWith("sequenceDiagram"))).toBe(true);
    expect(diagrams).toHaveLength(5);
  });

  it("draws each function's permissions on a bucket as permissions (dashed), not as calls", () => {
    expect(diagrams[0]).toContain('fn_store_save -.->|"may PutObject quotes/*"| bucket_data');
    expect(diagrams[0]).toContain('fn_store_get -.->|"may GetObject, ListObjectsV2 quotes/*"| bucket_data');
  });

  it("shows each route's S3 calls in the order its function makes them", () => {
    const calls = (diagram: string | undefined) =>
      [...(diagram ?? "").matchAll(/->>bucket_data: (\w+)/g)].map((match) => match[1]);
    const route = (key: string) => diagrams.find((diagram) => diagram.includes(`browser->>api: ${key}\n`));
    expect(calls(route("POST /quotes"))).toEqual(["PutObject"]);
    expect(calls(route("GET /quotes/{id}"))).toEqual(["GetObject"]);
    expect(calls(route("GET /quotes"))).toEqual(["ListObjectsV2", "GetObject"]);
    expect(route("GET /quotes")).toMatch(/loop each key listed\n.*GetObject/);
    expect(calls(route("GET /quote"))).toEqual([]);
  });

  it("uses no HTML in its diagrams, which GitHub would not render", () => {
    for (const diagram of diagrams) expect(diagram).not.toMatch(/<[a-z/]/i);
  });
});

describe("a generated block of a README", () => {
  it("is rewritten between its markers, the rest left as it was", () => {
    const before = "# x\n\n<!-- generated:contract -->\nold\n<!-- /generated:contract -->\n\nhand-written\n";
    expect(replaceBlock(before, "contract", "new", "README.md")).toBe(
      "# x\n\n<!-- generated:contract -->\n\nnew\n\n<!-- /generated:contract -->\n\nhand-written\n",
    );
  });

  it("is an error when the markers are missing", () => {
    expect(() => replaceBlock("# x\n", "contract", "new", "services/x/README.md")).toThrow(
      /services\/x\/README.md/,
    );
  });

  it("pads its tables as Biome formats them, pipes escaped", () => {
    expect(markdownTable(["a", "b"], [["x|y", "long cell"]])).toBe(
      "| a    | b         |\n| ---- | --------- |\n| x\\|y | long cell |",
    );
  });
});
