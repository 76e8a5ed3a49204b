import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type FunctionInstance, type InstanceOptions, startInstance } from "../src/function-instance";

const fixtures = path.join(import.meta.dirname, "fixtures");
const made: string[] = [];

/**
 * A fixture laid out as its zip would be (its dependencies in node_modules), in a code directory below a
 * package.json that says "type": "module", as the repository's does above the local Lambda's code directories.
 * Lambda's /var/task has no package.json above it, so what that outer package.json says must not matter.
 */
export function packagedFixture(name: string, dependencies: Record<string, string> = {}): string {
  const folder = mkdtempSync(path.join(tmpdir(), "holonet-packaged-"));
  made.push(folder);
  writeFileSync(path.join(folder, "package.json"), JSON.stringify({ type: "module" }));
  const taskRoot = path.join(folder, "functions", name, "code");
  mkdirSync(taskRoot, { recursive: true });
  cpSync(path.join(fixtures, name), taskRoot, { recursive: true });
  for (const [dependency, fixture] of Object.entries(dependencies)) {
    cpSync(path.join(fixtures, fixture), path.join(taskRoot, "node_modules", dependency), {
      recursive: true,
    });
  }
  return taskRoot;
}

const started: FunctionInstance[] = [];

/** A warm instance of a packaged fixture, on the given runtime. */
export function packagedInstance(
  taskRoot: string,
  handler: string,
  runtime: string,
  overrides: Partial<InstanceOptions> = {},
): FunctionInstance {
  const instance = startInstance({
    runtime,
    taskRoot,
    handler,
    environment: {},
    identity: { functionName: "test-packaged", functionVersion: "$LATEST", region: "us-east-1" },
    timeoutSeconds: 5,
    memoryMb: 128,
    ...overrides,
  });
  started.push(instance);
  return instance;
}

/** One invocation in a fresh instance, which is closed afterwards. */
export async function invokePackaged(
  taskRoot: string,
  handler: string,
  runtime: string,
  event: unknown = {},
) {
  const instance = packagedInstance(taskRoot, handler, runtime);
  try {
    return await instance.invoke(event);
  } finally {
    await instance.close();
  }
}

/** Resolves once the instance's process is gone (bounded), as the pool sees it before replacing it. */
export async function untilDead(instance: FunctionInstance, withinMs = 5000): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; ) {
    if (!instance.alive) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return !instance.alive;
}

export async function cleanUpPackaged(): Promise<void> {
  await Promise.all(started.splice(0).map((instance) => instance.close()));
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
}
