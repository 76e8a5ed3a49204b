import path from "node:path";
import { build } from "esbuild";

/**
 * Where a service bundle's bytes come from, by package (a scope counts as one: @aws-sdk/*, @smithy/*),
 * from esbuild's metafile of a build with the bundle's own settings (packages/tools/bundle-config): minified,
 * names kept, everything inside.
 */
export async function bundleComposition(
  serviceDir: string,
): Promise<{ total: number; parts: Map<string, number> }> {
  const result = await build({
    entryPoints: [path.join(serviceDir, "src", "handler.ts")],
    bundle: true,
    platform: "node",
    // tsup's choice for node: ESM entry points first, which tree-shake better.
    mainFields: ["module", "main"],
    format: "esm",
    target: "node20",
    minify: true,
    keepNames: true,
    metafile: true,
    write: false,
    outfile: path.join(serviceDir, "dist", "composition.mjs"),
    logLevel: "silent",
  });
  const parts = new Map<string, number>();
  let total = 0;
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const name = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(@[^/]+|[^/@][^/]*)/.exec(file)?.[1];
      const part = name ? (name.startsWith("@") ? `${name}/*` : name) : "the project's own code";
      parts.set(part, (parts.get(part) ?? 0) + input.bytesInOutput);
      total += input.bytesInOutput;
    }
  }
  return { total, parts };
}
