import path from "node:path";
import type { DataDirInUseError } from "./cloud-lock";
import type { Endpoint } from "./endpoint-ports";
import { ENDPOINT_TITLES } from "./port-in-use";

/** A mistake in how pnpm dev was called: said in one line, with a pointer to --help. */
export class UsageError extends Error {}

/** A path as a person can paste it here: relative below the current folder, else absolute. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative || ".";
}

/** The banner's order. */
const SHOWN: Endpoint[] = [
  "web",
  "dashboard",
  "api",
  "lambda",
  "s3",
  "logs",
  "cloudformation",
  "ci-api",
  "ci-web",
  "prod-api",
  "prod-web",
];

/** Why a second cloud on a data folder is refused, where the first one answers, and what to do instead. */
export function describeDataDirInUse(error: DataDirInUseError, cwd: string): string {
  const folder = `${shownPath(error.dataDir, cwd)}/`;
  const endpoints = error.holder.endpoints;
  const where = endpoints
    ? SHOWN.flatMap((name) =>
        endpoints[name] ? [`  ${ENDPOINT_TITLES[name].padEnd(15)} ${endpoints[name]}`] : [],
      ).join("\n")
    : "  (still starting: its endpoints are not up yet)";
  return [
    `a local cloud already runs on ${folder} (pid ${error.holder.pid}):`,
    where,
    "One data folder, one cloud. Use that one, stop it (Ctrl-C in its terminal), or start another on a",
    "folder of its own: pnpm dev --data-dir <dir>, with ports of its own (0 picks free ones: pnpm dev --help).",
  ].join("\n");
}
