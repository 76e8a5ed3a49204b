import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layout is the architecture: packages/runtime holds what ships inside a Lambda function, and what ships
// must not carry the local cloud, a tool or a test kit into a bundle or a deploy. These rules are read from
// the folders and the package.json files, so a package moved or a dependency added is checked as it lands.
const root = path.resolve(import.meta.dirname, "../..");

type Layer = "service" | "runtime" | "local-cloud" | "tools" | "testing" | "infra";

/** The folder of each layer, under the repository's root; each package is one folder below it. */
const LAYER_FOLDERS: Record<Exclude<Layer, "infra">, string> = {
  service: "services",
  runtime: "packages/runtime",
  "local-cloud": "packages/local-cloud",
  tools: "packages/tools",
  testing: "packages/testing",
};

/** Which layers a layer's packages may list under `dependencies`. */
const MAY_DEPEND_ON: Record<Layer, readonly Layer[]> = {
  service: ["runtime"],
  runtime: ["runtime"],
  // The definition of the application: read by the tools and the local cloud, it reads what ships.
  infra: ["runtime"],
  // The local cloud publishes functions and the site through the same code a deploy uses.
  "local-cloud": ["runtime", "infra", "local-cloud", "tools"],
  tools: ["runtime", "infra", "local-cloud", "tools"],
  testing: ["runtime", "infra", "local-cloud", "tools", "testing"],
};

interface WorkspacePackage {
  name: string;
  layer: Layer;
  directory: string;
  dependencies: string[];
  devDependencies: string[];
}

const holonet = (deps: Record<string, string> | undefined) =>
  Object.keys(deps ?? {}).filter((name) => name.startsWith("@holonet/"));

function readPackage(directory: string, layer: Layer): WorkspacePackage {
  const manifest = JSON.parse(readFileSync(path.join(directory, "package.json"), "utf8"));
  return {
    name: manifest.name,
    layer,
    directory,
    dependencies: holonet(manifest.dependencies),
    devDependencies: holonet(manifest.devDependencies),
  };
}

function workspacePackages(): WorkspacePackage[] {
  const grouped = (Object.entries(LAYER_FOLDERS) as [Layer, string][]).flatMap(([layer, folder]) =>
    readdirSync(path.join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => readPackage(path.join(root, folder, entry.name), layer)),
  );
  return [...grouped, readPackage(path.join(root, "infra"), "infra")];
}

const packages = workspacePackages();
const byName = new Map(packages.map((each) => [each.name, each]));

/** Every workspace package `name` needs at run time: its dependencies, theirs, and so on. */
function runtimeClosure(name: string, seen = new Set<string>()): Set<string> {
  for (const dependency of byName.get(name)?.dependencies ?? []) {
    if (seen.has(dependency)) continue;
    seen.add(dependency);
    runtimeClosure(dependency, seen);
  }
  return seen;
}

const IMPORT = /(?:import|export)\s[^"']*?from\s*["'](@holonet\/[^/"']+)|import\(\s*["'](@holonet\/[^/"']+)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(m|c)?tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The workspace packages a folder's source files import, with the file that does it. */
const importsOf = (dir: string) =>
  sourceFiles(dir).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(IMPORT)].map((match) => ({
      file: path.relative(root, file),
      imported: match[1] ?? match[2] ?? "",
    })),
  );

const shipped = packages.filter((each) => each.layer === "runtime" || each.layer === "service");

describe("the layers", () => {
  it("finds every package in a layer folder, each layer non-empty", () => {
    for (const layer of Object.keys(LAYER_FOLDERS))
      expect(packages.filter((each) => each.layer === layer).length).toBeGreaterThan(0);
    expect(byName.get("@holonet/lambda-kit")?.layer).toBe("runtime");
    expect(byName.get("@holonet/local-gateway")?.layer).toBe("local-cloud");
  });

  it.each(packages.map((each) => [each.name, each] as const))(
    "%s lists under dependencies only the layers it may use",
    (_, each) => {
      const offences = each.dependencies.filter((dependency) => {
        const target = byName.get(dependency);
        return !target || !MAY_DEPEND_ON[each.layer].includes(target.layer);
      });
      expect(offences).toEqual([]);
    },
  );

  it.each(shipped.map((each) => [each.name, each] as const))(
    "%s needs nothing at run time but what ships",
    (_, each) => {
      const closure = [...runtimeClosure(each.name)];
      expect(closure.filter((name) => byName.get(name)?.layer !== "runtime")).toEqual([]);
    },
  );

  it.each(shipped.map((each) => [each.name, each] as const))(
    "%s's source imports only what ships",
    (_, each) => {
      const offences = importsOf(path.join(each.directory, "src")).filter(
        ({ imported }) => byName.get(imported)?.layer !== "runtime",
      );
      expect(offences).toEqual([]);
    },
  );

  it("nothing depends on a service", () => {
    const services = new Set(packages.filter((each) => each.layer === "service").map((each) => each.name));
    const offences = packages.flatMap((each) =>
      [...each.dependencies, ...each.devDependencies]
        .filter((dependency) => services.has(dependency))
        .map((dependency) => `${each.name} -> ${dependency}`),
    );
    expect(offences).toEqual([]);
  });

  it("has no circle among the packages, devDependencies included (turbo orders tasks by both)", () => {
    const circles: string[] = [];
    const visit = (name: string, trail: string[]) => {
      if (trail.includes(name)) {
        circles.push([...trail.slice(trail.indexOf(name)), name].join(" -> "));
        return;
      }
      const each = byName.get(name);
      for (const dependency of [...(each?.dependencies ?? []), ...(each?.devDependencies ?? [])])
        visit(dependency, [...trail, name]);
    };
    for (const each of packages) visit(each.name, []);
    expect(circles).toEqual([]);
  });

  it("would catch a shipped package that reaches the local cloud through another", () => {
    const fake = { name: "@holonet/x", layer: "runtime" as const, directory: "", devDependencies: [] };
    byName.set("@holonet/x", { ...fake, dependencies: ["@holonet/lambda-kit", "@holonet/y"] });
    byName.set("@holonet/y", { ...fake, name: "@holonet/y", dependencies: ["@holonet/local-gateway"] });
    try {
      expect([...runtimeClosure("@holonet/x")]).toContain("@holonet/local-gateway");
    } finally {
      byName.delete("@holonet/x");
      byName.delete("@holonet/y");
    }
  });

  it("is the map the README draws: every package folder listed under its layer's folder", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const map = readme.slice(readme.indexOf("## The repository"));
    const listed = new Map<string, string[]>();
    let folder = "";
    for (const line of map.split("\n")) {
      const group = /^(packages\/[\w-]+)\//.exec(line)?.[1];
      if (group) {
        folder = group;
        listed.set(folder, []);
      }
      const entry = /^ {2}([\w-]+)\//.exec(line)?.[1];
      if (entry && folder) listed.get(folder)?.push(entry);
    }
    for (const [layer, dir] of Object.entries(LAYER_FOLDERS)) {
      if (layer === "service") continue;
      const onDisk = readdirSync(path.join(root, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
      expect(listed.get(dir)?.sort(), dir).toEqual(onDisk.sort());
    }
  });
});
