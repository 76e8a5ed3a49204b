import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CorpusCase,
  corpusCases,
  type Expectation,
  RUNTIMES,
  type Runtime,
  zipCase,
} from "../src/corpus-case";
import { lambdaResult, logTail, messagePattern } from "../src/lambda-result";
import { startLocalLambda } from "./local-lambda";

let lambda: Awaited<ReturnType<typeof startLocalLambda>>;
beforeAll(async () => {
  lambda = await startLocalLambda();
});
afterAll(() => lambda.close());

async function invokeCase(corpusCase: CorpusCase, runtime: Runtime) {
  const functionName = `${corpusCase.name}-${runtime.replace(".", "-")}`;
  await lambda.client.send(
    new CreateFunctionCommand({
      FunctionName: functionName,
      Runtime: runtime,
      Role: "arn:aws:iam::000000000000:role/lambda-role",
      Handler: corpusCase.handler,
      Code: { ZipFile: zipCase(corpusCase) },
      // Room for a cold start on a loaded machine; the cases that end sooner do so on their own.
      Timeout: 10,
      MemorySize: corpusCase.memorySize ?? 128,
    }),
  );
  return lambda.client.send(
    new InvokeCommand({
      FunctionName: functionName,
      Payload: JSON.stringify(corpusCase.event),
      LogType: "Tail",
    }),
  );
}

function expectLambdasAnswer(output: Awaited<ReturnType<typeof invokeCase>>, expected: Expectation) {
  const actual = lambdaResult(output);
  if ("payload" in expected) expect(actual).toEqual({ payload: expected.payload });
  else {
    expect(actual).toEqual({
      functionError: expected.functionError,
      errorType: expected.errorType,
      errorMessage: expect.stringMatching(messagePattern(expected.errorMessage)),
    });
  }
  const logs = logTail(output);
  for (const text of expected.logIncludes ?? []) expect(logs).toContain(text);
  for (const text of expected.logExcludes ?? []) expect(logs).not.toContain(text);
}

// Each case's expected.json says what AWS Lambda answers and where that comes from.
describe.each(RUNTIMES)("the local Lambda answers the corpus as AWS Lambda does, on %s", (runtime) => {
  for (const corpusCase of corpusCases()) {
    const expected = corpusCase.results[runtime];
    if (!expected) continue;
    const title = `${corpusCase.name}: ${corpusCase.description}`;
    it(title, async () => {
      expectLambdasAnswer(await invokeCase(corpusCase, runtime), expected);
    });
  }
});
