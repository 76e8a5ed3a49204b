import { AUTHOR_MAX_LENGTH, QUOTE_MAX_LENGTH } from "@holonet/contracts/saved-quote";
import fc from "fast-check";
import type { RawRequest } from "./raw-http";

// Requests a careless or hostile client could send: each part is either something the API knows, or a
// near miss of it, or plain garbage.

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "PROPFIND"];
const VALID_ID = "01JDQ2Z8X5M3N4P6R7S8T9V0W1";

const segment = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }).map(encodeURIComponent),
  fc.stringMatching(/^[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,40}$/),
  fc.constantFrom(".", "..", "%2e%2e", "%2E", "%2F", "%252F", "%5C", "%00", "%ff", "%E2%82", "%", "quotes"),
  fc.integer({ min: 1_000, max: 12_000 }).map((length) => "A".repeat(length)),
);

const quoteId = fc.oneof(
  fc.constant(VALID_ID),
  fc.constant(VALID_ID.toLowerCase()),
  fc.constant(`${VALID_ID}0`),
  fc.constantFrom("..%2F..%2Fweb%2Findex.html", "..%2f", "%2e%2e%2fsecret", "quotes%2F..%2F..", "..", "%2e"),
  fc.stringMatching(/^[0-9A-Z]{26}$/),
  segment,
);

const path = fc.oneof(
  fc.constantFrom("/quote", "/quotes", "/quotes/", "/quote/", "//quotes", "/QUOTES", "/quot%65", "/"),
  quoteId.map((id) => `/quotes/${id}`),
  fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join("/")}`),
);

const queryPart = fc.oneof(
  fc.constantFrom(
    "isJedi=true",
    "isJedi=false",
    "isJedi=TRUE",
    "isJedi=",
    "isJedi",
    "isJedi=true&isJedi=false",
    "limit=0",
    "limit=101",
    "limit=-1",
    "limit=1e2",
    "limit=abc",
    `cursor=${VALID_ID}`,
    "cursor=..%2F",
  ),
  fc
    .tuple(fc.string({ unit: "grapheme", maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 40 }))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
  fc.stringMatching(/^[A-Za-z0-9=&%+._-]{0,60}$/),
);
const query = fc.option(
  fc.array(queryPart, { maxLength: 4 }).map((parts) => `?${parts.join("&")}`),
  { nil: "" },
);

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/JSON",
  "application/vnd.api+json",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "",
);

const headers = fc
  .tuple(
    fc.option(contentType, { nil: undefined }),
    fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), fc.stringMatching(/^[\x20-\x7e]{0,200}$/), {
      maxKeys: 4,
    }),
    fc.option(fc.stringMatching(/^[\x21-\x7e]{0,60}$/), { nil: undefined }),
  )
  .map(([type, extra, etag]) => ({
    ...extra,
    ...(type !== undefined && { "content-type": type }),
    ...(etag !== undefined && { "if-none-match": etag }),
  }));

const nested = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);

const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.integer({ min: 1, max: 50_000 }).map((depth) => nested(depth, "[", "]")),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'{"quote":'.repeat(depth)}"x"${"}".repeat(depth)}`),
  fc.anything().map((value) => JSON.stringify({ quote: value }) ?? "null"),
  fc.integer({ min: 1_001, max: 300_000 }).map((length) => JSON.stringify({ quote: "q".repeat(length) })),
  fc.constantFrom(
    '{"quote": "\\ud800"}',
    '\ufeff{"quote": "with a byte order mark"}',
    '{"quote": "\\u0000"}',
    '{"quote": "   "}',
    '{"quote": "\u202e\u200b"}',
    '{"quote": "ok", "author": ""}',
    '{"quote": "ok", "extra": 1}',
    '{"quote": "ok", "__proto__": {"polluted": true}}',
    '{"quote": "ok"',
    "null",
    "",
  ),
  fc
    .tuple(fc.string({ unit: "grapheme", minLength: 1, maxLength: 1_000 }), fc.string({ unit: "grapheme" }))
    .map(([quote, author]) => JSON.stringify({ quote, author })),
  fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes)),
);

export const badRequest: fc.Arbitrary<RawRequest> = fc
  .record({ method: fc.constantFrom(...METHODS), path, query, headers, body })
  .map(({ method, path: rawPath, query: rawQuery, headers: rawHeaders, body: rawBody }) => {
    const request: RawRequest = {
      method,
      path: rawPath + rawQuery,
      headers: rawHeaders,
      ...(rawBody !== undefined && { body: rawBody }),
    };
    // A counterexample of 300 kB helps nobody: the report shows its shape, the seed replays it in full.
    return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
  });

const clip = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length)}... (${text.length} characters)` : text;

function describeRequest(request: RawRequest): string {
  const body =
    request.body === undefined ? "" : ` body ${clip(JSON.stringify(request.body.toString()), 200)}`;
  return `${request.method} ${clip(request.path, 200)} ${JSON.stringify(request.headers)}${body}`;
}

// Independent of the contracts' own check: UTF-8 cannot encode a lone surrogate, so such text does not
// survive a round trip through it.
const isWellFormed = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text)) === text;

/** A surrogate code unit on its own: high or low, whichever half. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));

/**
 * Text that is otherwise fine (not blank, within its limit) with lone surrogates put in: at either end,
 * between graphemes, beside real surrogate pairs. Two put side by side can make a real pair: the filter
 * keeps only text that is still not well-formed.
 */
const illFormedText = (maxLength: number) =>
  fc
    .tuple(
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.array(fc.tuple(loneSurrogate, fc.string({ unit: "grapheme", maxLength: 8 })), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([head, rest]) => head + rest.map(([surrogate, text]) => surrogate + text).join(""))
    .filter((text) => text.length <= maxLength && !isWellFormed(text));

const wellFormedText = (maxLength: number) =>
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 20 })
    .filter((text) => text.length <= maxLength && /\S/.test(text));

export interface IllFormedSave {
  request: RawRequest;
  /** The body's fields that hold a lone surrogate, as the 400 names them: `body.quote`, `body.author`. */
  illFormed: string[];
}

/**
 * `POST /quotes` whose quote, author or both hold a lone surrogate, and which is otherwise a valid save.
 * JSON.stringify writes each lone surrogate as an escape (`\ud800`), which is how a client's JSON text
 * carries one: UTF-8 itself cannot.
 */
export const illFormedSave: fc.Arbitrary<IllFormedSave> = fc
  .oneof(
    fc.record({ quote: illFormedText(QUOTE_MAX_LENGTH) }),
    fc.record({ quote: illFormedText(QUOTE_MAX_LENGTH), author: wellFormedText(AUTHOR_MAX_LENGTH) }),
    fc.record({ quote: wellFormedText(QUOTE_MAX_LENGTH), author: illFormedText(AUTHOR_MAX_LENGTH) }),
    fc.record({ quote: illFormedText(QUOTE_MAX_LENGTH), author: illFormedText(AUTHOR_MAX_LENGTH) }),
  )
  .chain((save) =>
    fc.constantFrom("application/json", "application/json; charset=utf-8").map((contentType) => ({
      request: {
        method: "POST",
        path: "/quotes",
        headers: { "content-type": contentType },
        body: JSON.stringify(save),
      },
      illFormed: Object.entries(save)
        .filter(([, text]) => !isWellFormed(text))
        .map(([field]) => `body.${field}`),
    })),
  );
