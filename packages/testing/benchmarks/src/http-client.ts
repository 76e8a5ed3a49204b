import { Agent, request } from "node:http";

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One keep-alive connection at a time, as a client that calls in sequence holds it. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** A request over a kept-alive connection to 127.0.0.1, read to the end. */
export function httpRequest(url: string, options: { method?: string; body?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  if (target.hostname !== "127.0.0.1" && target.hostname !== "localhost")
    throw new Error(`Bench traffic goes to loopback only, not ${target.hostname}.`);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: options.method ?? "GET",
        agent,
        ...(options.body !== undefined && { headers: { "content-type": "application/json" } }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === "string") headers[name] = value;
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`No answer from ${url} within 30 s`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

export const closeHttpClient = () => agent.destroy();
