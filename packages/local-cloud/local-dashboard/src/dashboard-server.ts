import http from "node:http";
import type { AddressInfo } from "node:net";
import { isLoopbackHost } from "@holonet/local-auth/loopback-host";
import { type ApiAnswer, errorAnswer } from "./api-errors";
import { createApiRouter } from "./api-routes";
import type { DashboardSource } from "./dashboard-api";
import { BUILT_PAGE_DIR, loadPageAssets } from "./page-assets";
import { COMMON_HEADERS, PAGE_CSP } from "./response-headers";

export interface DashboardOptions {
  /** 0 picks a free port. */
  port: number;
  source: DashboardSource;
  log?: (line: string) => void;
  /** The built page; the package's dist/ unless told. */
  pageDir?: string;
}

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

const NOT_BUILT =
  "The dashboard page is not built: run `pnpm --filter @holonet/local-dashboard build` (pnpm dev builds it).\n";

/**
 * Serves the dashboard on 127.0.0.1: the page (read into memory once) and the JSON API, answered from
 * `source` as it is. Nothing is computed here per request beyond serializing what the source holds.
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const log = options.log ?? (() => {});
  const page = await loadPageAssets(options.pageDir ?? BUILT_PAGE_DIR);
  if (!page) log(`dashboard: ${NOT_BUILT.trim()}`);
  const api = createApiRouter(options.source);

  const server = http.createServer((request, response) => {
    const send = (status: number, headers: Record<string, string>, body: Buffer | string) => {
      const bytes = typeof body === "string" ? Buffer.from(body) : body;
      response.writeHead(status, { ...COMMON_HEADERS, ...headers, "content-length": String(bytes.length) });
      response.end(request.method === "HEAD" ? undefined : bytes);
    };
    const sendJson = ({ status, body, headers }: ApiAnswer) =>
      send(
        status,
        { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
        JSON.stringify(body),
      );

    // It shows events, results and logs: a page that points its own name at 127.0.0.1 (DNS rebinding) must
    // not read them as same-origin.
    if (!isLoopbackHost(request.headers.host)) {
      sendJson(
        errorAnswer(403, "HOST_NOT_ALLOWED", "The dashboard answers only to 127.0.0.1 and localhost."),
      );
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      sendJson({
        ...errorAnswer(
          405,
          "METHOD_NOT_ALLOWED",
          `The dashboard is read-only: ${request.method} is not allowed.`,
        ),
        headers: { allow: "GET, HEAD" },
      });
      return;
    }

    const url = new URL(request.url ?? "/", "http://dashboard");
    if (url.pathname === "/api" || url.pathname.startsWith("/api/")) {
      api(url.pathname, url.searchParams).then(sendJson, (error: unknown) => {
        log(`dashboard: GET ${url.pathname} failed: ${error instanceof Error ? error.stack : String(error)}`);
        sendJson(errorAnswer(500, "INTERNAL_ERROR", "The local cloud could not answer; its log says why."));
      });
      return;
    }

    if (!page) {
      send(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }, NOT_BUILT);
      return;
    }
    const asset = page.get(url.pathname);
    if (!asset) {
      sendJson(errorAnswer(404, "NOT_FOUND", `No route GET ${url.pathname}.`));
      return;
    }
    const headers: Record<string, string> = {
      "content-type": asset.contentType,
      "cache-control": asset.cacheControl,
    };
    if (asset.contentType.startsWith("text/html")) headers["content-security-policy"] = PAGE_CSP;
    send(200, headers, asset.body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject).listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The page keeps connections alive between polls; without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
