import type { IncomingMessage } from "node:http";

export const TOO_LARGE = Symbol("too large");

/** Whether the request announces a body at all; most GETs do not, and need no reading. */
export function announcesBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
}

/** The body, when the request announces one, up to `limit` bytes; undefined when it announces none. */
export function readRequestBody(
  req: IncomingMessage,
  limit: number,
): Promise<Buffer | undefined | typeof TOO_LARGE> {
  return announcesBody(req) ? readBody(req, limit) : Promise.resolve(undefined);
}

/**
 * Reads the body up to `limit` bytes. Past the limit it stops reading at once (a declared length too large is
 * refused before a byte is read) and answers TOO_LARGE; nothing beyond the limit is held in memory.
 * Rejects when the client goes away first.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | typeof TOO_LARGE> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error("The client closed the connection before its body ended."));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
