/** Where a JSON text breaks the grammar, and what was expected there. */
export interface JsonSyntaxError {
  /** 1-based, as editors count. */
  line: number;
  column: number;
  /** e.g. `expected ',' or '}', found '"'` */
  problem: string;
  /** The line as written, for showing the place. */
  text: string;
}

class Failure {
  constructor(
    readonly at: number,
    /** What the grammar wanted there, or (with `plainly`) the whole problem. */
    readonly expected: string,
    readonly plainly = false,
  ) {}
}

/**
 * The first syntax error in a JSON text, or undefined if it parses. Node 20's JSON.parse names no place in
 * most of its messages, so the grammar (RFC 8259) is walked here to find it.
 */
export function findJsonSyntaxError(source: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (expected: string): never => {
    throw new Failure(i, expected);
  };
  const space = () => {
    while (i < source.length && " \t\n\r".includes(source[i] as string)) i++;
  };
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  const digits = () => {
    const from = i;
    while (isDigit(source[i])) i++;
    if (i === from) fail("a digit");
  };
  const string = () => {
    if (source[i] !== '"') fail("a string in double quotes");
    i++;
    while (source[i] !== '"') {
      if (i >= source.length) fail("'\"' to end the string");
      if (source.charCodeAt(i) < 0x20)
        throw new Failure(
          i,
          "a line break or control character inside a string (write it as \\n, \\t, ...)",
          true,
        );
      if (source[i] === "\\") {
        i++;
        if (source[i] === "u") {
          for (let hex = 0; hex < 4; hex++) {
            i++;
            if (!/[0-9a-fA-F]/.test(source[i] ?? "")) fail("four hex digits after \\u");
          }
        } else if (!'"\\/bfnrt'.includes(source[i] ?? "x"))
          fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u');
      }
      i++;
    }
    i++;
  };
  const sequence = (close: string, item: () => void) => {
    i++;
    space();
    if (source[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (source[i] === close) break;
      if (source[i] !== ",") fail(`',' or '${close}'`);
      i++;
      space();
    }
    i++;
  };
  const number = () => {
    if (source[i] === "-") i++;
    if (source[i] === "0") i++;
    else digits();
    if (source[i] === ".") {
      i++;
      digits();
    }
    if (source[i] === "e" || source[i] === "E") {
      i++;
      if (source[i] === "+" || source[i] === "-") i++;
      digits();
    }
  };
  const member = () => {
    string();
    space();
    if (source[i] !== ":") fail("':'");
    i++;
    value();
  };
  const value = (): void => {
    space();
    const c = source[i];
    const word = ["true", "false", "null"].find((literal) => source.startsWith(literal, i));
    if (c === "{") sequence("}", member);
    else if (c === "[") sequence("]", value);
    else if (c === '"') string();
    else if (c === "-" || isDigit(c)) number();
    else if (word) i += word.length;
    else fail("a value");
  };

  try {
    value();
    space();
    if (i < source.length) fail("the end of the text");
    return undefined;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const before = source.slice(0, error.at).split("\n");
    const line = before.length;
    const char = source[error.at] ?? "";
    const found =
      error.at >= source.length ? "the end of the file" : char < " " ? JSON.stringify(char) : `'${char}'`;
    return {
      line,
      column: (before.at(-1) ?? "").length + 1,
      problem: error.plainly ? error.expected : `expected ${error.expected}, found ${found}`,
      text: (source.split("\n")[line - 1] ?? "").replace(/\r$/, ""),
    };
  }
}
