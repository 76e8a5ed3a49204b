import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { findWorkspaceRoot } from "@holonet/cli-support/workspace-root";
import { type Endpoint, portVariable } from "./endpoint-ports";

/** Each endpoint as the banner names it; its option is named after the key (--s3-port, HOLONET_S3_PORT). */
export const ENDPOINT_TITLES: Record<Endpoint, string> = {
  api: "HTTP API",
  lambda: "Lambda API",
  s3: "S3",
  web: "website",
  cloudformation: "CloudFormation",
  logs: "Logs",
  dashboard: "dashboard",
  "ci-api": "ci HTTP API",
  "ci-web": "ci website",
  "prod-api": "prod HTTP API",
  "prod-web": "prod website",
};
type PortEndpoint = Endpoint;

/** An endpoint could not listen on its port: taken (EADDRINUSE) or not allowed (EACCES). */
export class PortUnavailableError extends Error {
  constructor(
    readonly endpoint: PortEndpoint,
    readonly port: number,
    readonly code: string,
  ) {
    super(`The ${ENDPOINT_TITLES[endpoint]} endpoint cannot listen on 127.0.0.1:${port} (${code}).`);
    this.name = "PortUnavailableError";
  }
}

/** A listen error of one of the endpoints, named by the endpoint that asked for that port; others as they are. */
export function portError(error: unknown, ports: Record<PortEndpoint, number>): unknown {
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown };
  if ((code !== "EADDRINUSE" && code !== "EACCES") || typeof port !== "number") return error;
  const endpoint = (Object.keys(ports) as PortEndpoint[]).find((name) => ports[name] === port);
  return endpoint ? new PortUnavailableError(endpoint, port, code) : error;
}

/** Whether 127.0.0.1:port can be listened on now: undefined if so, else the error's code. */
function tryListen(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "EADDRINUSE"));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(undefined)));
  });
}

/** The first endpoint whose port (0: any free one, never taken) cannot be listened on, before anything starts. */
export async function firstUnavailablePort(
  ports: Record<PortEndpoint, number>,
): Promise<PortUnavailableError | undefined> {
  for (const endpoint of Object.keys(ports) as PortEndpoint[]) {
    const port = ports[endpoint];
    if (port === 0) continue;
    const code = await tryListen(port);
    if (code) return new PortUnavailableError(endpoint, port, code);
  }
  return undefined;
}

export interface PortHolder {
  pid: number;
  /** Its command line, arguments joined by spaces. */
  command: string;
  /** For a Holonet cloud: the data folder it runs on, when its command line or environment says. */
  dataDir?: string;
}

/** The socket inodes listening on `port` (IPv4 and IPv6), from /proc/net/tcp*. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const row of text.split("\n").slice(1)) {
      const fields = row.trim().split(/\s+/);
      const [, local = "", , state, , , , , , inode] = fields;
      if (state === "0A" && Number.parseInt(local.split(":")[1] ?? "", 16) === port && inode)
        inodes.add(inode);
    }
  }
  return inodes;
}

/**
 * Which process listens on `port`, where Linux's /proc tells (and the process is this user's); undefined
 * elsewhere. Read only to explain a refusal, so its cost (a walk of /proc) does not matter.
 */
export function portHolder(port: number): PortHolder | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
        const dataDir = isHolonetCloud(args.join(" ")) ? cloudDataDir(pid, args) : undefined;
        return { pid: Number(pid), command: args.join(" "), ...(dataDir && { dataDir }) };
      }
    }
  }
  return undefined;
}

/** A running holonet-dev's data folder: its --data-dir, its HOLONET_DATA_DIR, or .holonet/ at its root. */
function cloudDataDir(pid: string, args: string[]): string | undefined {
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    const at = args.findIndex((arg) => arg === "--data-dir" || arg.startsWith("--data-dir="));
    const option = at === -1 ? undefined : (args[at]?.split("=")[1] ?? args[at + 1]);
    const variable = readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .find((entry) => entry.startsWith("HOLONET_DATA_DIR="))
      ?.slice("HOLONET_DATA_DIR=".length);
    const folder = option ?? variable;
    return folder === undefined ? path.join(findWorkspaceRoot(cwd), ".holonet") : path.resolve(cwd, folder);
  } catch {
    return undefined;
  }
}

/** Whether a command line is `pnpm dev`'s: the holonet-dev CLI. */
export const isHolonetCloud = (command: string) =>
  /holonet-dev(\.mjs)?(\s|$)|local-cloud\/src\/cli\.ts/.test(command);

/** What to tell a person whose endpoint could not listen: which endpoint and port, who holds it, what to do. */
export function describePortUnavailable(error: PortUnavailableError, holder: PortHolder | undefined): string {
  const flag = `--${error.endpoint}-port`;
  const variable = portVariable(error.endpoint);
  const where = `the ${ENDPOINT_TITLES[error.endpoint]} endpoint cannot listen on 127.0.0.1:${error.port}`;
  const choose = `${flag} <n> or ${variable}=<n> (0 picks a free port; pnpm dev --help lists every port)`;
  if (error.code === "EACCES")
    return `${where}: this user may not listen on that port (below 1024 needs privileges).\nChoose another: ${choose}.`;
  const who = holder
    ? isHolonetCloud(holder.command)
      ? `another Holonet local cloud holds it (pid ${holder.pid}${holder.dataDir ? `, data folder ${holder.dataDir}` : `: ${shorten(holder.command)}`})`
      : `another program holds it (pid ${holder.pid}: ${shorten(holder.command)})`
    : "another program holds it";
  const stop =
    holder && isHolonetCloud(holder.command) ? "Stop that cloud (Ctrl-C in its terminal)" : "Stop it";
  return `${where}: ${who}.\n${stop}, or choose another port for this one: ${choose}.`;
}

/** `holonet-dev --data-dir /tmp/x` rather than node's path and the script's. */
function shorten(command: string): string {
  const short = command.replace(/^\S*node\s+/, "").replace(/\S*\/bin\/(holonet-[\w-]+)\.mjs/, "$1");
  return short.length > 160 ? `${short.slice(0, 157)}...` : short;
}
