import { describe, expect, it } from "vitest";
import { createFrameReader } from "../src/frame-reader";
import { endOfInvocationFrame, type ResultMessage } from "../src/runner-protocol";

const result = (payload: unknown): ResultMessage => ({
  type: "result",
  ok: true,
  payloadJson: JSON.stringify(payload),
  durationMs: 1.5,
  maxMemoryMb: 40,
});

describe("the reader of the runner's stdout", () => {
  it("answers the awaited invocation's result with the output written before it", () => {
    const reader = createFrameReader();
    reader.waitFor("req-1");

    const frame = reader.push(`line 1\nline 2\n${endOfInvocationFrame("req-1", result("done"))}`);

    expect(frame).toEqual({ result: result("done"), output: "line 1\nline 2\n" });
    expect(reader.takeOutput()).toBe("");
  });

  it("reads a frame cut into pieces anywhere, the mark included, only once all of it has come", () => {
    const text = `before\n${endOfInvocationFrame("req-1", result({ text: "a longer payload" }))}`;
    const reader = createFrameReader();
    reader.waitFor("req-1");

    const answers = [...text].map((character) => reader.push(character));

    expect(answers.slice(0, -1).every((answer) => answer === undefined)).toBe(true);
    expect(answers.at(-1)).toEqual({ result: result({ text: "a longer payload" }), output: "before\n" });
  });

  it("keeps what follows a frame in one chunk for the next invocation, whose frame it then reads", () => {
    const reader = createFrameReader();
    reader.waitFor("req-1");
    const chunk = `${endOfInvocationFrame("req-1", result(1))}late line\n${endOfInvocationFrame("req-2", result(2))}`;

    const first = reader.push(chunk);
    reader.waitFor("req-2");
    const second = reader.push("");

    expect(first).toEqual({ result: result(1), output: "" });
    expect(second).toEqual({ result: result(2), output: "late line\n" });
  });

  it("leaves another invocation's frame in the output, and reads none while it awaits none", () => {
    const reader = createFrameReader();
    const stray = endOfInvocationFrame("req-0", result(0));
    expect(reader.push(`${stray}idle\n`)).toBeUndefined();

    reader.waitFor("req-1");
    expect(reader.push(`${stray}`)).toBeUndefined();
    reader.stopWaiting();
    expect(reader.push(endOfInvocationFrame("req-1", result(1)))).toBeUndefined();

    expect(reader.takeOutput()).toBe(`${stray}idle\n${stray}${endOfInvocationFrame("req-1", result(1))}`);
  });

  it("takes a look-alike frame that is not JSON for the function's output, and reads the real one after it", () => {
    // A function may print anything, the mark included (it knows its request id); on AWS that is a log
    // line, so here it must neither answer the invocation nor stop the host.
    const reader = createFrameReader();
    reader.waitFor("req-1");
    const fake = "\u0000holonet-end req-1 {not json\u0000";
    const unterminated = "\u0000holonet-end req-1 {x";

    expect(reader.push(fake)).toBeUndefined();
    expect(reader.push(unterminated)).toBeUndefined();
    expect(reader.push(endOfInvocationFrame("req-1", result(1)))).toEqual({
      result: result(1),
      output: fake + unterminated,
    });
  });
});
