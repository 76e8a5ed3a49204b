import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Services never import each other: they share only what lives in packages/. A service reaching into
// another's code, by package name or by relative path, would tie their deploys together.
const root = path.resolve(import.meta.dirname, "../..");
const servicesDir = path.join(root, "services");
const services = readdirSync(servicesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const packageName = (service: string) =>
  (JSON.parse(readFileSync(path.join(servicesDir, service, "package.json"), "utf8")) as { name: string })
    .name;

/** Every TypeScript or JavaScript source file a service owns (not its dependencies, not its build). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (["node_modules", "dist", ".turbo"].includes(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(m|c)?[jt]sx?$/.test(entry.name) ? [full] : [];
  });
}

const IMPORT =
  /(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g;

/** The other services that `file` (in `service`) imports, with the import that does it. */
function crossServiceImports(service: string, file: string, text: string): string[] {
  const others = services.filter((other) => other !== service);
  const otherPackages = others.map(packageName);
  return [...text.matchAll(IMPORT)].flatMap((match) => {
    const specifier = match[1] ?? match[2] ?? match[3] ?? "";
    const byName = otherPackages.some((name) => specifier === name || specifier.startsWith(`${name}/`));
    const target = specifier.startsWith(".") ? path.resolve(path.dirname(file), specifier) : "";
    const byPath = others.some((other) => target.startsWith(path.join(servicesDir, other) + path.sep));
    return byName || byPath ? [`${path.relative(root, file)} imports ${specifier}`] : [];
  });
}

describe("service boundaries", () => {
  it("finds the services", () => {
    expect(services).toEqual(expect.arrayContaining(["quote", "store-save", "store-get"]));
  });

  it.each(services)("%s imports no other service's code", (service) => {
    const offences = sourceFiles(path.join(servicesDir, service)).flatMap((file) =>
      crossServiceImports(service, file, readFileSync(file, "utf8")),
    );
    expect(offences).toEqual([]);
  });

  it.each(services)("%s depends on no other service's package", (service) => {
    const manifest = JSON.parse(readFileSync(path.join(servicesDir, service, "package.json"), "utf8"));
    const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    const others = services.filter((other) => other !== service).map(packageName);
    expect(deps.filter((dep) => others.includes(dep))).toEqual([]);
  });

  it("would catch an import by package name and by relative path", () => {
    const file = path.join(servicesDir, "quote", "src", "app.ts");
    const text = [
      'import { saveQuote } from "@holonet/store-save/src/save-quote";',
      'import { x } from "../../store-get/src/app";',
      'const y = await import("../../store-get/src/etag");',
      'import { ok } from "@holonet/contracts/quote";',
      'import { fine } from "./jedi-quote";',
    ].join("\n");
    expect(crossServiceImports("quote", file, text)).toEqual([
      "services/quote/src/app.ts imports @holonet/store-save/src/save-quote",
      "services/quote/src/app.ts imports ../../store-get/src/app",
      "services/quote/src/app.ts imports ../../store-get/src/etag",
    ]);
  });
});
