import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "../src/json-syntax";

describe("findJsonSyntaxError", () => {
  it("finds nothing wrong in JSON that parses", () => {
    for (const text of [
      '{"isJedi": true}',
      "[1, -2.5e3, null, false]",
      '"\\u00e9\\n"',
      ' {"a": {"b": []}} \n',
    ])
      expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it("names the line and column of a missing comma, and what was expected there", () => {
    expect(findJsonSyntaxError('{\n  "isJedi": true\n  "name": "Luke"\n}\n')).toEqual({
      line: 3,
      column: 3,
      problem: "expected ',' or '}', found '\"'",
      text: '  "name": "Luke"',
    });
  });

  it("finds the usual slips: a trailing comma, a bare word, a cut-off file, a line break in a string", () => {
    expect(findJsonSyntaxError('{"a": [1, 2,]}')).toMatchObject({
      line: 1,
      column: 13,
      problem: "expected a value, found ']'",
    });
    expect(findJsonSyntaxError('{"isJedi": tru}')).toMatchObject({
      column: 12,
      problem: "expected a value, found 't'",
    });
    expect(findJsonSyntaxError('{"a": 1')).toMatchObject({
      problem: "expected ',' or '}', found the end of the file",
    });
    expect(findJsonSyntaxError('{"a": "x\ny"}')?.problem).toMatch(
      /^a line break or control character inside a string/,
    );
    expect(findJsonSyntaxError("{'a': 1}")).toMatchObject({
      column: 2,
      problem: "expected a string in double quotes, found '''",
    });
  });
});
