import { describe, expect, it } from "vitest";
import { ErrorBody } from "../src/error-body";
import { FUNCTION_CONTRACTS } from "../src/functions";
import { QuoteOutput, QuoteQuery } from "../src/quote";
import { ROUTES } from "../src/routes";
import { SavedQuote } from "../src/saved-quote";
import { GetQuotePath, ListQuotesQuery, QuotePage } from "../src/store-get";
import { SaveQuoteInput } from "../src/store-save";
import { isWellFormedText, NOT_WELL_FORMED_MESSAGE, toWellFormedText, WELL_FORMED_NOTE } from "../src/text";
import * as z from "../src/zod";

const ID = "01JDQ3H7Y8ZK4M6N2P9R5T0VWX";
const SAVED = { id: ID, quote: "Hello there.", author: "Kenobi", savedAt: "2025-01-02T03:04:05.000Z" };
const ERROR = {
  error: {
    code: "VALIDATION_FAILED",
    message: "Invalid request",
    details: [{ path: "body.quote", message: "must not be blank" }],
  },
};

/** Lone surrogates where they hide best: alone, at either end, beside a real pair, the halves of a pair reversed. */
const ILL_FORMED = ["\ud800", "Hello \udfff", "\udc00there", "Yoda \ud83d\ude00\ud83d", "\ude00\ud83d"];

// An oracle independent of the regular expression: UTF-8 cannot encode a lone surrogate, so it does not
// survive a round trip.
const survivesUtf8 = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text)) === text;

describe("isWellFormedText", () => {
  it.each(["", "Hello there.", "Ünïcödé", "\ud83d\ude00", "a\ud83d\ude00b\u{10ffff}", "\ufffd"])(
    "accepts %j",
    (text) => {
      expect(isWellFormedText(text)).toBe(true);
      expect(survivesUtf8(text)).toBe(true);
    },
  );

  it.each(ILL_FORMED)("refuses %j", (text) => {
    expect(isWellFormedText(text)).toBe(false);
    expect(survivesUtf8(text)).toBe(false);
  });

  it("repairs each lone surrogate with U+FFFD and leaves real pairs alone", () => {
    expect(toWellFormedText("a\ud800b\ud83d\ude00\udc00")).toBe("a\ufffdb\ud83d\ude00\ufffd");
    expect(toWellFormedText("twice \ud800 \ud800")).toBe("twice \ufffd \ufffd");
  });
});

/** The value with `text` at `path` (a copy): `["error", "details", 0, "message"]`. */
function withText(value: unknown, path: (string | number)[], text: string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = text;
  return copy;
}

interface FieldCase {
  contract: string;
  schema: z.ZodMiniType;
  valid: unknown;
  path: (string | number)[];
}
const field = (contract: string, schema: z.ZodMiniType, valid: unknown, ...path: (string | number)[]) => ({
  contract,
  schema,
  valid,
  path,
  at: path.join("."),
});

describe("every free-text field refuses a lone surrogate, naming itself", () => {
  const PAGE = { items: [SAVED] };
  it.each([
    field("SaveQuoteInput", SaveQuoteInput, { quote: "x", author: "y" }, "quote"),
    field("SaveQuoteInput", SaveQuoteInput, { quote: "x", author: "y" }, "author"),
    field("SavedQuote", SavedQuote, SAVED, "quote"),
    field("SavedQuote", SavedQuote, SAVED, "author"),
    field("QuotePage", QuotePage, PAGE, "items", 0, "quote"),
    field("QuotePage", QuotePage, PAGE, "items", 0, "author"),
    field("QuoteOutput", QuoteOutput, { quote: "Do or do not." }, "quote"),
    field("ErrorBody", ErrorBody, ERROR, "error", "message"),
    field("ErrorBody", ErrorBody, ERROR, "error", "details", 0, "path"),
    field("ErrorBody", ErrorBody, ERROR, "error", "details", 0, "message"),
  ])("$contract $at", ({ schema, valid, path }: FieldCase) => {
    expect(schema.safeParse(valid).success).toBe(true);
    for (const text of ILL_FORMED) {
      const issues = schema.safeParse(withText(valid, path, text)).error?.issues;
      expect(issues, JSON.stringify(text)).toEqual([
        expect.objectContaining({ path, message: NOT_WELL_FORMED_MESSAGE }),
      ]);
      // The same text repaired passes: the lone surrogate alone was the fault.
      expect(schema.safeParse(withText(valid, path, toWellFormedText(text))).success).toBe(true);
    }
    expect(schema.safeParse(withText(valid, path, "Great kid \ud83d\ude00")).success).toBe(true);
  });
});

describe("every field of a closed form (ids, times, numbers, choices) refuses a lone surrogate, naming itself", () => {
  it.each([
    field("GetQuotePath", GetQuotePath, { id: ID }, "id"),
    field("ListQuotesQuery", ListQuotesQuery, { cursor: ID }, "cursor"),
    field("ListQuotesQuery", ListQuotesQuery, { limit: "5" }, "limit"),
    field("QuoteQuery", QuoteQuery, { isJedi: "true" }, "isJedi"),
    field("SavedQuote", SavedQuote, SAVED, "id"),
    field("SavedQuote", SavedQuote, SAVED, "savedAt"),
    field("ErrorBody", ErrorBody, ERROR, "error", "code"),
  ])("$contract $at", ({ schema, valid, path }: FieldCase) => {
    expect(schema.safeParse(valid).success).toBe(true);
    const issues = schema.safeParse(withText(valid, path, "\ud800")).error?.issues;
    expect(issues?.map((issue) => issue.path)).toEqual([path]);
  });
});

type Node = z.core.$ZodType;
/** The parts of a zod schema's definition the walk reads. */
interface Def {
  type: string;
  shape?: Record<string, Node>;
  innerType?: Node;
  element?: Node;
  options?: Node[];
  checks?: { _zod: { def: { check: string; format?: string; pattern?: RegExp } } }[];
  format?: string;
}

/** Every string leaf of a schema, with where it sits. Fails on a kind of schema it does not know. */
function stringLeaves(schema: Node, at: string): { at: string; leaf: z.ZodMiniType }[] {
  const def = schema._zod.def as unknown as Def;
  switch (def.type) {
    case "string":
    case "enum":
      return [{ at, leaf: schema as z.ZodMiniType }];
    case "object":
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => stringLeaves(value, `${at}.${key}`));
    case "optional":
      return stringLeaves(def.innerType as Node, at);
    case "array":
      return stringLeaves(def.element as Node, `${at}[]`);
    case "union":
      return (def.options ?? []).flatMap((option, i) => stringLeaves(option, `${at}|${i}`));
    case "boolean":
    case "number":
      return [];
    default:
      throw new Error(`${at}: a ${def.type} schema; teach stringLeaves whether it holds text`);
  }
}

/** A form that admits only ASCII by construction: a choice, a date-time, a pattern anchored at both ends. */
function isClosedForm(leaf: z.ZodMiniType): boolean {
  const def = leaf._zod.def as unknown as Def;
  if (def.type === "enum" || def.format !== undefined) return true;
  return (def.checks ?? []).some(({ _zod: { def: check } }) => {
    const source = check.pattern?.source ?? "";
    return check.format === "regex" && source.startsWith("^") && source.endsWith("$");
  });
}

const everyContract: [string, Node][] = [
  ...Object.entries(FUNCTION_CONTRACTS).flatMap(([name, { input, output }]): [string, Node][] => [
    [`${name} input`, input],
    [`${name} output`, output],
  ]),
  ...ROUTES.flatMap((route): [string, Node][] => [
    ...("pathParameters" in route ? [[`${route.path} path`, route.pathParameters] as [string, Node]] : []),
    ...("query" in route ? [[`${route.path} query`, route.query] as [string, Node]] : []),
    ...("body" in route ? [[`${route.path} body`, route.body] as [string, Node]] : []),
    ...Object.entries(route.responses).flatMap(([status, body]): [string, Node][] =>
      body ? [[`${route.method} ${route.path} ${status}`, body]] : [],
    ),
  ]),
];
// Each distinct schema once, named where it is first met: the error body's fields recur on every route.
const leaves = [
  ...new Map(
    everyContract
      .flatMap(([name, schema]) => stringLeaves(schema, name))
      .reverse()
      .map((found) => [found.leaf, found]),
  ).values(),
].reverse();

describe("every string of every contract", () => {
  it("reaches the text of requests, answers and errors", () => {
    expect(leaves.map(({ at, leaf }) => `${isClosedForm(leaf) ? "closed" : "text"} ${at}`).sort()).toEqual([
      "closed /quote query.isJedi",
      "closed /quotes query.limit",
      "closed GET /quote 400.error.code",
      "closed store-save output.id",
      "closed store-save output.savedAt",
      "text GET /quote 400.error.details[].message",
      "text GET /quote 400.error.details[].path",
      "text GET /quote 400.error.message",
      "text quote output.quote",
      "text store-save input.author",
      "text store-save input.quote",
    ]);
  });

  it.each(leaves.filter(({ leaf }) => !isClosedForm(leaf)).map(({ at, leaf }) => [at, leaf] as const))(
    "free text at %s refuses a lone surrogate and says so in its description",
    (_, leaf) => {
      expect(leaf.safeParse("Well said \ud800").error?.issues.map((issue) => issue.message)).toEqual([
        NOT_WELL_FORMED_MESSAGE,
      ]);
      expect(z.globalRegistry.get(leaf)?.description).toContain(WELL_FORMED_NOTE);
    },
  );

  it.each(leaves.filter(({ leaf }) => isClosedForm(leaf)).map(({ at, leaf }) => [at, leaf] as const))(
    "closed form at %s refuses a lone surrogate",
    (_, leaf) => {
      expect(leaf.safeParse("\ud800").success).toBe(false);
      expect(leaf.safeParse(`${ID}\ud800`).success).toBe(false);
    },
  );
});
