/**
 * How the runtime logs an error ("Invoke Error", "Uncaught Exception", ...): both clients call
 * console.error(label, toFormatted(error)) (3.x src/LogPatch.js and src/Errors.js, 4.x src/logging/log-patch.ts
 * and src/utils/error.ts), a tab then the error as JSON with its type, message and stack lines. The paths are
 * shown as on Lambda, under /var/task.
 */
import { toLambdaError } from "./lambda-error";
import { type TracePaths, taskRootText, taskRootTrace } from "./lambda-trace";

/** Both clients log a thrown non-error as an Error made from it. */
const intoError = (value: unknown) => (value instanceof Error ? value : new Error(String(value)));

export function formattedError(error: unknown, paths: TracePaths): string {
  const described = (_key: string, value: unknown) => {
    if (!(value instanceof Error)) return value;
    const fields: Record<string, unknown> = {
      errorType: value.name,
      errorMessage: taskRootText(value.message, paths.taskRoots),
      code: (value as { code?: unknown }).code,
      ...value,
    };
    if (typeof value.stack === "string") fields.stack = taskRootTrace(value.stack.split("\n"), paths);
    return fields;
  };
  try {
    return `\t${JSON.stringify(intoError(error), described)}`;
  } catch {
    return `\t${JSON.stringify(toLambdaError(error))}`;
  }
}

/** Logs an error under the label the client uses for where it happened. */
export function logError(label: string, error: unknown, paths: TracePaths): void {
  console.error(label, formattedError(error, paths));
}
