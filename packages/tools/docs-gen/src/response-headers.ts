/**
 * The HTTP headers of the routes, which the zod contracts (bodies only) cannot say. The local cloud test
 * (tests/local-cloud-conformance.test.ts) checks every one of them against real answers.
 */
export interface HeaderDoc {
  name: string;
  description: string;
  example: string;
}

const ETAG: HeaderDoc = {
  name: "ETag",
  description: "Strong ETag of the saved quote; send it back in If-None-Match to get a 304.",
  example: '"yBq4mR0a9kHc3T2vW8xZpLs6nD1fG7eJ"',
};
const IMMUTABLE: HeaderDoc = {
  name: "Cache-Control",
  description: "Saved quotes never change: caches may keep one for a year.",
  example: "public, max-age=31536000, immutable",
};

/** Response headers by route key and status. */
export const RESPONSE_HEADERS: Record<string, Record<number, HeaderDoc[]>> = {
  "POST /quotes": {
    201: [
      {
        name: "Location",
        description: "The saved quote's URL.",
        example: "/quotes/01JDQ3H7Y8ZK4M6N2P9R5T0VWX",
      },
    ],
  },
  "GET /quotes/{id}": { 200: [ETAG, IMMUTABLE], 304: [ETAG, IMMUTABLE] },
  "GET /quotes": {
    200: [{ name: "Cache-Control", description: "New quotes arrive at any time.", example: "no-store" }],
  },
};

/** Request headers by route key. */
export const REQUEST_HEADERS: Record<string, HeaderDoc[]> = {
  "GET /quotes/{id}": [
    {
      name: "If-None-Match",
      description: "An ETag from an earlier answer: 304 when it still matches.",
      example: ETAG.example,
    },
  ],
};
