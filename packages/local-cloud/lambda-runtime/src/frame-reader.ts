import { endOfInvocationMark, FRAME_END, type ResultMessage } from "./runner-protocol";

/** An invocation's end, read from the runner's stdout: its result, and the output written before it. */
export interface Frame {
  result: ResultMessage;
  output: string;
}

/**
 * Reads the runner's stdout as it comes, in chunks cut anywhere: the function's output, and the
 * end-of-invocation frame (runner-protocol.ts) of the invocation it waits for. It does no I/O, so that the
 * parsing can be tested on its own. A "frame" whose JSON does not parse is not the runner's: it is output
 * (a function can print anything, the mark included, and on AWS that is only a log line), and the search goes on.
 */
export interface FrameReader {
  /** Adds a chunk; answers the awaited invocation's frame once all of it has come, and waits for no other. */
  push(chunk: string): Frame | undefined;
  /** Waits for this invocation's frame, searched for from the next chunk on (in all the text not handed out). */
  waitFor(requestId: string): void;
  /** Waits for no frame: the invocation ended another way (a timeout, an exit). */
  stopWaiting(): void;
  /** The output read so far and not yet handed out with a frame, which the reader then forgets. */
  takeOutput(): string;
}

/** The invocation whose frame the reader waits for, and where its mark is once found. */
interface Awaited {
  mark: string;
  markAt?: number;
  /** Where the mark may start at the earliest: past any look-alike already found to be output. */
  notBefore: number;
}

export function createFrameReader(): FrameReader {
  let text = "";
  let awaited: Awaited | undefined;
  /** How far `text` has been searched for the awaited frame, so that no byte is searched twice. */
  let searchedTo = 0;

  /** Where the awaited frame lies once all of it has come; what has been searched is kept either way. */
  const locate = (wanted: Awaited): { markAt: number; end: number } | undefined => {
    if (wanted.markAt === undefined) {
      const at = text.indexOf(wanted.mark, Math.max(wanted.notBefore, searchedTo - wanted.mark.length));
      searchedTo = at === -1 ? text.length : at + wanted.mark.length;
      if (at === -1) return undefined;
      wanted.markAt = at;
    }
    const end = text.indexOf(FRAME_END, searchedTo);
    searchedTo = end === -1 ? text.length : end;
    return end === -1 ? undefined : { markAt: wanted.markAt, end };
  };

  /** The result in a frame, or undefined when what lies between the mark and the end is not JSON. */
  const resultIn = (mark: string, at: { markAt: number; end: number }) => {
    try {
      return JSON.parse(text.slice(at.markAt + mark.length, at.end)) as ResultMessage;
    } catch {
      return undefined;
    }
  };

  const take = (result: ResultMessage, at: { markAt: number; end: number }): Frame => {
    const output = text.slice(0, at.markAt);
    text = text.slice(at.end + FRAME_END.length);
    searchedTo = 0;
    awaited = undefined;
    return { result, output };
  };

  return {
    push(chunk) {
      text += chunk;
      for (let at = awaited && locate(awaited); awaited && at; at = locate(awaited)) {
        const result = resultIn(awaited.mark, at);
        if (result) return take(result, at);
        awaited.notBefore = at.markAt + 1;
        awaited.markAt = undefined;
        searchedTo = at.markAt + 1;
      }
      return undefined;
    },
    waitFor(requestId) {
      awaited = { mark: endOfInvocationMark(requestId), notBefore: 0 };
      searchedTo = 0;
    },
    stopWaiting() {
      awaited = undefined;
    },
    takeOutput() {
      const output = text;
      text = "";
      // A mark found in the text handed out is gone with it.
      searchedTo = 0;
      if (awaited) {
        awaited.markAt = undefined;
        awaited.notBefore = 0;
      }
      return output;
    },
  };
}
