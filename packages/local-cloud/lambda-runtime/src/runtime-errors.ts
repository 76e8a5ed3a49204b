/**
 * The errors the runtime itself raises, named as AWS's runtime interface client names them: Runtime.<Kind>
 * (3.x src/Errors.js sets the name on each class's prototype; 4.x src/utils/errors.ts does the same per class).
 */
type ErrorClass<Args extends unknown[]> = new (...args: Args) => Error;

function runtimeErrorClass<Args extends unknown[]>(
  kind: string,
  message: (...args: Args) => string,
): ErrorClass<Args> {
  const named = class extends Error {
    constructor(...args: Args) {
      super(message(...args));
    }
  };
  named.prototype.name = `Runtime.${kind}`;
  return named;
}

const given = (text: string) => text;
// Errors.js passes the original error to Error's constructor, which keeps its text: "Error: Cannot find module...".
const wrapped = (original: unknown) => String(original);

export const ImportModuleError = runtimeErrorClass("ImportModuleError", wrapped);
export const UserCodeSyntaxError = runtimeErrorClass("UserCodeSyntaxError", wrapped);
export const HandlerNotFound = runtimeErrorClass("HandlerNotFound", given);
export const MalformedHandlerName = runtimeErrorClass("MalformedHandlerName", given);
export const CallbackHandlerDeprecated = runtimeErrorClass("CallbackHandlerDeprecated", given);
export const JSONStringifyError = runtimeErrorClass("JSONStringifyError", given);

/** Errors.js's message for an async handler whose promise was still pending when nothing was left to run. */
export const NodeJsExit = runtimeErrorClass(
  "NodeJsExit",
  () =>
    "The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes",
);

/** Errors.js: the rejection's reason becomes the message (Error's constructor stringifies it), and is kept. */
export class UnhandledPromiseRejection extends Error {
  constructor(
    readonly reason: unknown,
    readonly promise: unknown,
  ) {
    super(safeString(reason));
  }
}
UnhandledPromiseRejection.prototype.name = "Runtime.UnhandledPromiseRejection";

function safeString(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** 4.x src/context/constants.ts: the init error of a callback handler on nodejs24.x and later. */
export const CALLBACK_HANDLER_REMOVED =
  "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.";

/** 3.x src/WarningForCallbackHandlers.js: what nodejs22.x logs at init for a callback handler. */
export const CALLBACK_HANDLER_WARNING =
  "AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.";
