/**
 * A function error as Lambda shows it: the code lives at /var/task, and the runtime's own frames are not the
 * function's. Pure: the caller says where the code and the runtime are on this machine.
 */
import { pathToFileURL } from "node:url";
import type { LambdaErrorPayload } from "./lambda-error";

/** Where Lambda puts a function's code, and says so in LAMBDA_TASK_ROOT. */
export const LAMBDA_TASK_ROOT = "/var/task";

export interface TracePaths {
  /** The function's code directory, and any other name it has here (its real path, when a link leads to it). */
  taskRoots: readonly string[];
  /** Files and folders of the local runtime itself (the runner, its sources through source maps). */
  runtimePaths: readonly string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const trimSlash = (dir: string) => (dir.length > 1 ? dir.replace(/\/+$/, "") : dir);

// A name that goes on past the path (/tmp/a in /tmp/ab, /tmp/a.bak, /tmp/a%20b) is another path.
const NAME_GOES_ON = "(?![\\p{L}\\p{N}_.~%-])";

/** The path as a file URL and as a plain path; the plain one is not part of a longer path. */
const pathPatterns = (dir: string) => {
  const plain = trimSlash(dir);
  return {
    url: new RegExp(`${escapeRegExp(pathToFileURL(plain).href)}${NAME_GOES_ON}`, "gu"),
    plain: new RegExp(`(?<![\\p{L}\\p{N}_.~%/-])${escapeRegExp(plain)}${NAME_GOES_ON}`, "gu"),
  };
};

const mentions = (line: string, dir: string) => {
  const { url, plain } = pathPatterns(dir);
  return url.test(line) || plain.test(line);
};

/** Writes each task root as /var/task, in file URLs (file:///var/task/...) and plain paths alike. */
export function taskRootText(text: string, taskRoots: readonly string[]): string {
  return taskRoots.reduce((rewritten, root) => {
    const { url, plain } = pathPatterns(root);
    return rewritten
      .replace(url, () => pathToFileURL(LAMBDA_TASK_ROOT).href)
      .replace(plain, () => LAMBDA_TASK_ROOT);
  }, text);
}

const isFrame = (line: string) => /^\s+at /.test(line);

/**
 * The stack's lines as Lambda shows them: the function's frames (its node_modules included) under /var/task,
 * the runtime's frames gone. Below the first runtime frame the stack is the runtime's loop (its promise, Node's
 * event and tick frames), so only the function's own frames are kept there. Message lines are only rewritten.
 */
export function taskRootTrace(lines: readonly string[], paths: TracePaths): string[] {
  let belowRuntime = false;
  const kept: string[] = [];
  for (const line of lines) {
    if (isFrame(line) && !paths.taskRoots.some((root) => mentions(line, root))) {
      if (paths.runtimePaths.some((runtime) => mentions(line, runtime))) belowRuntime = true;
      if (belowRuntime) continue;
    }
    kept.push(taskRootText(line, paths.taskRoots));
  }
  return kept;
}

/** A function error's payload with its message and trace as Lambda shows them; the shape stays the same. */
export function taskRootError(error: LambdaErrorPayload, paths: TracePaths): LambdaErrorPayload {
  return {
    ...error,
    errorMessage: taskRootText(error.errorMessage, paths.taskRoots),
    ...(error.trace && { trace: taskRootTrace(error.trace, paths) }),
  };
}
