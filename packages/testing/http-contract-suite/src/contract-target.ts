import type { FunctionName } from "@holonet/contracts/functions";

/** One answer as a client saw it. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** Checks an answer the platform gives itself, before the function runs, where it differs from AWS. */
export type PlatformAnswer = (answer: Answer) => void;

/** Where a platform answers a request itself instead of handing it to the function. */
export interface PlatformAnswers {
  /** A body sent as application/json that is not JSON. */
  malformedJson?: { why: string; check: PlatformAnswer };
  /** A JSON body sent with no Content-Type at all. */
  bodyWithoutContentType?: { why: string; check: PlatformAnswer };
}

/** A deployment of the three services the suite runs against. */
export interface ContractTarget {
  /** The base URL a request for this service goes to, with no trailing slash. */
  url(service: FunctionName): string;
  close(): Promise<void>;
}
