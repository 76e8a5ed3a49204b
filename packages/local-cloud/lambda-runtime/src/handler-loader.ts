/**
 * Loads a function's handler from its handler string, as AWS's runtime interface client does: 3.x
 * src/UserFunction.js for nodejs22.x, 4.x src/function/*.ts and src/utils/handler-path.ts for nodejs24.x.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isModuleScope } from "./package-scope";
import {
  HandlerNotFound,
  ImportModuleError,
  MalformedHandlerName,
  UserCodeSyntaxError,
} from "./runtime-errors";
import type { RuntimeRules } from "./runtime-rules";

export type Handler = (event: unknown, context: unknown, callback?: unknown) => unknown;

// The client loads code from /var/runtime/index.mjs, so a missing module's "Require stack" names that file.
const runtimeRequire = createRequire("/var/runtime/index.mjs");

export interface HandlerName {
  /** The folder part, relative to the task root: "src/" in "src/app.handler". */
  moduleRoot: string;
  moduleName: string;
  /** The export, maybe nested: "a.b" in "index.a.b". */
  handlerPath: string;
}

/** Splits `folder/module.export`; ".." is refused, a string without a dot is a "Bad handler". */
export function parseHandlerString(handlerString: string): HandlerName {
  if (handlerString.includes("..")) {
    throw new MalformedHandlerName(
      `'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const base = path.basename(handlerString);
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match) throw new MalformedHandlerName("Bad handler");
  return {
    moduleRoot: handlerString.substring(0, handlerString.indexOf(base)),
    moduleName: match[1] ?? "",
    handlerPath: match[2] ?? "",
  };
}

const requireIfThere = (file: string) => (existsSync(file) ? runtimeRequire(file) : undefined);
const importIfThere = async (file: string) =>
  existsSync(file) ? ((await import(pathToFileURL(file).href)) as unknown) : undefined;

/**
 * 3.x: the file as named, then .js by require() unless its package scope is "module", then .js by import(),
 * .mjs by import(), .cjs by require(), then Node's resolution from the task root.
 */
async function loadLikeNodejs22(taskRoot: string, name: HandlerName): Promise<unknown> {
  const file = path.resolve(taskRoot, name.moduleRoot, name.moduleName);
  const asNamed = requireIfThere(file);
  if (asNamed) return asNamed;
  const moduleScope = existsSync(`${file}.js`) && isModuleScope(path.dirname(`${file}.js`), taskRoot);
  const asCommonJs = moduleScope ? undefined : requireIfThere(`${file}.js`);
  if (asCommonJs) return asCommonJs;
  const found =
    (moduleScope && (await importIfThere(`${file}.js`))) ||
    (await importIfThere(`${file}.mjs`)) ||
    requireIfThere(`${file}.cjs`);
  if (found) return found;
  return runtimeRequire(runtimeRequire.resolve(name.moduleName, { paths: [taskRoot, name.moduleRoot] }));
}

/** 4.x: import() of the file as named, .js, .mjs, .cjs in that order, then Node's resolution from the task root. */
async function loadLikeNodejs24(taskRoot: string, name: HandlerName): Promise<unknown> {
  const file = path.resolve(taskRoot, name.moduleRoot, name.moduleName);
  for (const extension of ["", ".js", ".mjs", ".cjs"]) {
    const found = await importIfThere(`${file}${extension}`);
    if (found) return found;
  }
  const moduleRoot = path.join(taskRoot, name.moduleRoot.replace(/\/$/, ""));
  return runtimeRequire(runtimeRequire.resolve(name.moduleName, { paths: [taskRoot, moduleRoot] }));
}

const lookUp = (handlerPath: string, start: unknown, objectsOnly: boolean) =>
  handlerPath.split(".").reduce<unknown>((nested, key) => {
    if (objectsOnly)
      return nested && typeof nested === "object" ? (nested as Record<string, unknown>)[key] : undefined;
    return nested && (nested as Record<string, unknown>)[key];
  }, start);

/** 3.x looks in what the module exports; 4.x looks only through objects, then in the default export too. */
function resolveHandler(
  loaded: unknown,
  name: HandlerName,
  handlerString: string,
  rules: RuntimeRules,
): Handler {
  let handler = lookUp(name.handlerPath, loaded, !rules.callbacks);
  if (!handler && !rules.callbacks && loaded && typeof loaded === "object" && "default" in loaded) {
    handler = lookUp(name.handlerPath, (loaded as { default: unknown }).default, true);
  }
  if (!handler) throw new HandlerNotFound(`${handlerString} is undefined or not exported`);
  if (typeof handler !== "function") throw new HandlerNotFound(`${handlerString} is not a function`);
  return handler as Handler;
}

export async function loadHandler(
  taskRoot: string,
  handlerString: string,
  rules: RuntimeRules,
): Promise<Handler> {
  const name = parseHandlerString(handlerString);
  let loaded: unknown;
  try {
    loaded = await (rules.callbacks ? loadLikeNodejs22 : loadLikeNodejs24)(taskRoot, name);
  } catch (error) {
    if (error instanceof SyntaxError) throw withStack(new UserCodeSyntaxError(error), error, rules);
    if ((error as { code?: unknown } | null)?.code === "MODULE_NOT_FOUND") throw new ImportModuleError(error);
    throw error;
  }
  return resolveHandler(loaded, name, handlerString, rules);
}

/** 4.x keeps the syntax error's own stack (the file and line at fault); 3.x has the wrapper's. */
function withStack(wrapper: Error, original: Error, rules: RuntimeRules): Error {
  if (!rules.callbacks && original.stack !== undefined) wrapper.stack = original.stack;
  return wrapper;
}
