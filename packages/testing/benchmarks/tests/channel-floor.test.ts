import { afterEach, describe, expect, it } from "vitest";
import { type ChannelFloor, startChannelFloor } from "../src/channel-floor";

/** Four requests at once, each on a connection of its own (fetch's pool opens one per request in flight). */
const fourAtOnce = (url: string) =>
  Promise.all(
    Array.from({ length: 4 }, async () => {
      const answer = await fetch(`${url}/quote?isJedi=true`);
      return { status: answer.status, body: await answer.text() };
    }),
  );

const answer = {
  status: 200,
  headers: { "content-type": "application/json" },
  body: Buffer.from('{"quote":"Do. Or do not."}'),
};
const event = { version: "2.0", requestContext: { http: { method: "GET" } } };

describe("floor (a)", () => {
  let floor: ChannelFloor | undefined;
  afterEach(async () => {
    await floor?.close();
    floor = undefined;
  });

  // Lambda runs one invocation at a time in an execution environment: concurrent requests need as many.
  it("gives each request in flight a worker of its own, and answers each with the route's bytes", async () => {
    floor = await startChannelFloor({ answer, event, execPath: process.execPath });
    const answers = await fourAtOnce(floor.url);
    for (const each of answers) {
      expect(each.status).toBe(200);
      expect(each.body).toBe(answer.body.toString());
    }
    expect(floor.workers()).toBe(4);
  });

  it("pipelined (the design not taken), serves them all from one worker", async () => {
    floor = await startChannelFloor({ answer, event, execPath: process.execPath, pipelined: true });
    const answers = await fourAtOnce(floor.url);
    expect(answers.map((each) => each.body)).toEqual(Array(4).fill(answer.body.toString()));
    expect(floor.workers()).toBe(1);
  });
});
