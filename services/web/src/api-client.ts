import { ErrorBody } from "@holonet/contracts/error-body";
import { QuoteOutput } from "@holonet/contracts/quote";
import { SavedQuote } from "@holonet/contracts/saved-quote";
import { QuotePage } from "@holonet/contracts/store-get";
import type * as z from "zod/mini";
import { backoffMs, MAX_RETRIES, shouldRetry } from "./retry-policy";

/** Why a call to the API did not give what was asked for, in terms the page can show. */
export type ApiFailure =
  /** No answer at all: the API is down, unreachable, refused by CORS, or too slow. */
  | { kind: "network"; message: string }
  /** The API answered with an error status; code and message come from its error body when it has one. */
  | { kind: "http"; status: number; code: string; message: string }
  /** A success status with a body that breaks the contract. */
  | { kind: "invalid-response"; status: number; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClient {
  getQuote(isJedi: boolean): Promise<ApiResult<QuoteOutput>>;
  /** Saves the quote, with who said it when `author` is given. */
  saveQuote(quote: string, author?: string): Promise<ApiResult<SavedQuote>>;
  listQuotes(options?: { limit?: number; cursor?: string }): Promise<ApiResult<QuotePage>>;
  getSavedQuote(id: string): Promise<ApiResult<SavedQuote>>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The HTTP API's four routes for the browser. `fetch` is passed in so that tests can answer for the
 * network; every outcome, failures included, comes back as a result rather than a throw. A throttled or
 * failed call is sent again where that is safe (retry-policy.ts), after `wait`.
 */
export function createApiClient(options: {
  apiUrl: string;
  fetch: Fetch;
  timeoutMs?: number;
  wait?: (ms: number) => Promise<void>;
}): ApiClient {
  // A stage path (https://host/prod) is kept; only a trailing slash is dropped.
  const base = options.apiUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const wait = options.wait ?? pause;

  async function send(path: string, init: RequestInit): Promise<Response> {
    const method = init.method ?? "GET";
    for (let retry = 0; ; retry++) {
      const response = await options.fetch(`${base}${path}`, {
        ...init,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (retry === MAX_RETRIES || !shouldRetry(method, response.status)) return response;
      await response.body?.cancel();
      await wait(backoffMs(retry));
    }
  }

  async function call<T>(
    path: string,
    schema: z.ZodMiniType<T>,
    init: RequestInit = {},
  ): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await send(path, init);
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      return failed({
        kind: "network",
        message: timedOut
          ? `The API at ${base} did not answer within ${timeoutMs / 1000} seconds.`
          : `Could not reach the API at ${base}. Check your connection, or that the API is running.`,
      });
    }
    const body = await readJson(response);
    if (!response.ok) return failed(httpFailure(response, body));
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      return failed({
        kind: "invalid-response",
        status: response.status,
        message: `The API answered ${response.status} with a body this page does not understand.`,
      });
    }
    return { ok: true, value: parsed.data };
  }

  return {
    getQuote: (isJedi) => call(`/quote?isJedi=${isJedi}`, QuoteOutput),
    saveQuote: (quote, author) =>
      call("/quotes", SavedQuote, {
        method: "POST",
        headers: { "content-type": "application/json" },
        // The contract refuses a blank author: none is sent rather than an empty one.
        body: JSON.stringify(author ? { quote, author } : { quote }),
      }),
    listQuotes: ({ limit, cursor } = {}) => {
      const query = new URLSearchParams();
      if (limit !== undefined) query.set("limit", String(limit));
      if (cursor !== undefined) query.set("cursor", cursor);
      const search = query.toString();
      return call(search ? `/quotes?${search}` : "/quotes", QuotePage);
    },
    getSavedQuote: (id) => call(`/quotes/${encodeURIComponent(id)}`, SavedQuote),
  };
}

const failed = (failure: ApiFailure): { ok: false; failure: ApiFailure } => ({ ok: false, failure });

/** The body as JSON, or undefined when there is none or it is not JSON (a proxy's HTML error page, say). */
async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}

function httpFailure(response: Response, body: unknown): ApiFailure {
  const error = ErrorBody.safeParse(body);
  if (error.success) {
    const { code, message } = error.data.error;
    return { kind: "http", status: response.status, code, message };
  }
  const reason = response.statusText ? ` ${response.statusText}` : "";
  return {
    kind: "http",
    status: response.status,
    code: `HTTP_${response.status}`,
    message: `The API answered ${response.status}${reason}.`,
  };
}
