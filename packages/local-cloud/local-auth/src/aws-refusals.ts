import { randomUUID } from "node:crypto";
import type { SignatureProblem } from "./signature-v4";

/** How an endpoint's protocol carries an error: Lambda's REST-JSON, JSON 1.1 (Logs), query (CloudFormation), S3's XML. */
export type AwsProtocol = "rest-json" | "json-1.1" | "query" | "s3";

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface ErrorCode {
  code: string;
  status: number;
}

// The codes per protocol. JSON services name them with "Exception"; query services use the common error
// names (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonErrors.html, the same list across
// services); S3 has its own (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
const JSON_CODES: Record<SignatureProblem, ErrorCode> = {
  missing: { code: "MissingAuthenticationTokenException", status: 403 },
  incomplete: { code: "IncompleteSignatureException", status: 400 },
  "unknown-key": { code: "UnrecognizedClientException", status: 403 },
  "invalid-token": { code: "UnrecognizedClientException", status: 403 },
  "wrong-scope": { code: "InvalidSignatureException", status: 403 },
  skewed: { code: "InvalidSignatureException", status: 403 },
  expired: { code: "InvalidSignatureException", status: 403 },
  mismatch: { code: "InvalidSignatureException", status: 403 },
};
const QUERY_CODES: Record<SignatureProblem, ErrorCode> = {
  missing: { code: "MissingAuthenticationToken", status: 403 },
  incomplete: { code: "IncompleteSignature", status: 400 },
  "unknown-key": { code: "InvalidClientTokenId", status: 403 },
  "invalid-token": { code: "InvalidClientTokenId", status: 403 },
  "wrong-scope": { code: "SignatureDoesNotMatch", status: 403 },
  skewed: { code: "SignatureDoesNotMatch", status: 403 },
  expired: { code: "SignatureDoesNotMatch", status: 403 },
  mismatch: { code: "SignatureDoesNotMatch", status: 403 },
};
const S3_CODES: Record<SignatureProblem, ErrorCode & { message?: string }> = {
  missing: { code: "AccessDenied", status: 403, message: "Access Denied" },
  incomplete: { code: "AuthorizationHeaderMalformed", status: 400 },
  "unknown-key": {
    code: "InvalidAccessKeyId",
    status: 403,
    message: "The AWS Access Key Id you provided does not exist in our records.",
  },
  "invalid-token": {
    code: "InvalidToken",
    status: 400,
    message: "The provided token is malformed or otherwise invalid.",
  },
  "wrong-scope": { code: "AuthorizationHeaderMalformed", status: 400 },
  skewed: {
    code: "RequestTimeTooSkewed",
    status: 403,
    message: "The difference between the request time and the current time is too large.",
  },
  expired: { code: "AccessDenied", status: 403, message: "Request has expired" },
  mismatch: {
    code: "SignatureDoesNotMatch",
    status: 403,
    message:
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  },
};

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

/** An error the protocol's way, with the status, code and message given. */
export function protocolError(protocol: AwsProtocol, code: string, status: number, message: string): Refusal {
  const requestId = randomUUID();
  switch (protocol) {
    case "rest-json":
    case "json-1.1":
      return {
        status,
        headers: {
          "content-type": "application/json",
          "x-amzn-errortype": code,
          "x-amzn-requestid": requestId,
        },
        body: JSON.stringify({ __type: code, message }),
      };
    case "query":
      return {
        status,
        headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
        body: `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case "s3":
      return {
        status,
        headers: { "content-type": "application/xml", "x-amz-request-id": requestId },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
      };
  }
}

/** The answer AWS gives a request whose signature failed in this way. */
export function signatureRefusal(protocol: AwsProtocol, problem: SignatureProblem, message: string): Refusal {
  if (protocol === "s3") {
    const s3 = S3_CODES[problem];
    return protocolError(protocol, s3.code, s3.status, s3.message ?? message);
  }
  const { code, status } = (protocol === "query" ? QUERY_CODES : JSON_CODES)[problem];
  return protocolError(protocol, code, status, message);
}
