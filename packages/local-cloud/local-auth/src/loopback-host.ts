/**
 * Whether a Host header names this machine's loopback interface. Every endpoint of the local cloud listens on
 * 127.0.0.1, but a web page can point a host name of its own at 127.0.0.1 (DNS rebinding) and then read the
 * answers as same-origin; a request that names any other host is refused.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
  if (host.length > name.length && !/^:\d{1,5}$/.test(host.slice(name.length))) return false;
  return name === "127.0.0.1" || name === "localhost" || name === "[::1]";
}

export const FOREIGN_HOST_MESSAGE =
  "Holonet's local cloud answers only to the host names 127.0.0.1, localhost and [::1].\n";
