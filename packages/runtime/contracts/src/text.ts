import * as z from "./zod";

/*
 * JSON text exchanged between systems must be well-formed Unicode: RFC 7493 (I-JSON), section 2.1,
 * https://www.rfc-editor.org/rfc/rfc7493#section-2.1. JSON's escapes can still spell a lone surrogate
 * (`"\ud800"`), which JSON.parse accepts as is; passed on, another system refuses it or silently turns it
 * into U+FFFD. So every free-text field refuses one where it enters.
 *
 * In a regular expression with the `u` flag a surrogate pair is one code point, so only a lone surrogate
 * is a code point of the category Surrogate. (String.prototype.isWellFormed says the same, but the lib
 * our tsconfig names, ES2023, does not declare it, and every service typechecks this file.)
 */
const LONE_SURROGATE = /\p{Surrogate}/u;
const LONE_SURROGATES = /\p{Surrogate}/gu;

/** Whether a string is well-formed Unicode: no lone surrogate. */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/** The string with each lone surrogate replaced by U+FFFD, as String.prototype.toWellFormed does. */
export const toWellFormedText = (text: string): string => text.replace(LONE_SURROGATES, "\ufffd");

export const NOT_WELL_FORMED_MESSAGE = "must be well-formed Unicode: no lone surrogates";

/** What each text field's description says, since JSON Schema has no keyword for it. */
export const WELL_FORMED_NOTE = "Well-formed Unicode: no lone surrogates (I-JSON, RFC 7493 section 2.1).";

/**
 * A free-text field of a contract: a string that must be well-formed Unicode, its description saying so.
 * Add the field's own limits after it (`.check(z.minLength(1), z.maxLength(n), z.regex(...))`): they keep
 * this check and description.
 * z.toJSONSchema leaves the refinement out; the description carries it into the generated docs.
 */
export const wellFormedText = (description: string) =>
  z
    .string()
    .check(z.refine(isWellFormedText, { error: NOT_WELL_FORMED_MESSAGE }))
    .check(z.describe(`${description} ${WELL_FORMED_NOTE}`));
