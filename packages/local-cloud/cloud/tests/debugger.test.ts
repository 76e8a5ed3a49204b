import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, inspectorTargets } from "@holonet/test-kit/inspector";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { FREE_PORTS, type LocalCloud, startLocalCloud } from "../src/local-cloud";

// `pnpm dev --inspect quote`, as a debugger uses it: attach over the inspector protocol, set a breakpoint at
// a line of the TypeScript source (mapped to the bundle through its source map, as DevTools and VS Code
// map it), make a request, and see the function stop at that line.
const root = path.resolve(import.meta.dirname, "../../../..");
const SOURCE = "src/jedi-quote.ts";
/** `if (!isJedi) throw new ForbiddenError(...)`: the first line of quoteFor's body (1-based). */
const LINE = 6;
let dataDir: string;
let cloud: LocalCloud;
let port: number;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-debug-"));
  port = await freePort();
  cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS, inspect: { service: "quote", port } });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A minimal Chrome DevTools Protocol client: numbered calls, and a wait for one event. */
function cdp(url: string) {
  const socket = new WebSocket(url);
  let next = 0;
  const replies = new Map<number, (result: unknown) => void>();
  const events: { method: string; params: Record<string, unknown> }[] = [];
  const waiters: (() => void)[] = [];
  socket.on("message", (data) => {
    const message = JSON.parse(String(data));
    if (message.id !== undefined) replies.get(message.id)?.(message.result ?? message.error);
    else {
      events.push(message);
      for (const wake of waiters.splice(0)) wake();
    }
  });
  return {
    open: new Promise((resolve) => socket.once("open", resolve)),
    call: (method: string, params: object = {}) =>
      new Promise<Record<string, unknown>>((resolve) => {
        next += 1;
        replies.set(next, resolve as (result: unknown) => void);
        socket.send(JSON.stringify({ id: next, method, params }));
      }),
    async event(method: string, match: (params: Record<string, unknown>) => boolean, ms = 10_000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = events.find((event) => event.method === method && match(event.params));
        if (found) return found.params;
        if (Date.now() > until) throw new Error(`no ${method} within ${ms} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => socket.close(),
  };
}

describe("debugging a function of the local cloud", () => {
  it("stops at a breakpoint set in the TypeScript source", async () => {
    // A first request starts the instance; it stays warm for the second.
    expect((await fetch(`${cloud.api}/quote?isJedi=true`)).status).toBe(200);
    const [target] = (await inspectorTargets(port)) as { webSocketDebuggerUrl: string }[];
    const client = cdp(target?.webSocketDebuggerUrl ?? "");
    await client.open;
    try {
      await client.call("Debugger.enable");
      const script = await client.event("Debugger.scriptParsed", (p) =>
        String(p.url).endsWith("/handler.mjs"),
      );
      const scriptPath = fileURLToPath(String(script.url));
      const map = new SourceMap(
        JSON.parse(readFileSync(path.resolve(path.dirname(scriptPath), String(script.sourceMapURL)), "utf8")),
      );
      // Where the bundle holds that TypeScript line: the first generated position that maps to it.
      const generatedLines = readFileSync(scriptPath, "utf8").split("\n");
      let at: { lineNumber: number; columnNumber: number } | undefined;
      for (let line = 0; line < generatedLines.length && !at; line++) {
        for (let column = 0; column < (generatedLines[line]?.length ?? 0); column++) {
          const entry = map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
          if (entry.originalSource?.endsWith(SOURCE) && entry.originalLine === LINE - 1) {
            at = { lineNumber: line, columnNumber: column };
            break;
          }
        }
      }
      expect(at, `${SOURCE}:${LINE} in the bundle's source map`).toBeDefined();
      await client.call("Debugger.setBreakpoint", { location: { scriptId: script.scriptId, ...at } });

      const answer = fetch(`${cloud.api}/quote?isJedi=true`);
      const paused = await client.event("Debugger.paused", () => true);
      const frame = (paused.callFrames as { location: { lineNumber: number; columnNumber: number } }[])[0];
      const original = map.findEntry(
        frame?.location.lineNumber ?? -1,
        frame?.location.columnNumber ?? -1,
      ) as {
        originalSource?: string;
        originalLine?: number;
      };
      expect(original.originalSource).toMatch(/src\/jedi-quote\.ts$/);
      expect((original.originalLine ?? -1) + 1).toBe(LINE);
      await client.call("Debugger.resume");
      expect((await answer).status).toBe(200);
    } finally {
      client.close();
    }
  }, 60_000);
});
