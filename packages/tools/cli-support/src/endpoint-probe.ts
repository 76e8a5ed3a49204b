import { connect } from "node:net";

/**
 * Whether something accepts connections at an endpoint's host and port: undefined if so, else why not
 * ("connection refused", ...). Enough to tell a running cloud from the dev.json of one that is gone.
 */
export function probeEndpoint(url: string, timeoutMs = 1000): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port || 80) });
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once("connect", () => done(undefined));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      done(error.code === "ECONNREFUSED" ? "connection refused" : error.message),
    );
  });
}
