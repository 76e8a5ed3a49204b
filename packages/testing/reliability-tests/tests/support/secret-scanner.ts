/** What a leaked credential looks like, by kind. Each pattern is anchored on a prefix its issuer documents. */
export const SECRET_PATTERNS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: "AWS access key id", pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  {
    kind: "AWS secret access key",
    pattern: /aws_secret_access_key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi,
  },
  { kind: "private key block", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g },
  {
    kind: "GitHub token",
    pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/g,
  },
  { kind: "Slack token", pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}/g },
  { kind: "npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
];

/**
 * Values that look like credentials but are documented placeholders that nothing accepts: s3rver's built-in
 * key pair `S3RVER`, which the local S3 withdraws (it makes credentials of its own per data folder).
 */
export const ALLOWED_PLACEHOLDERS: ReadonlySet<string> = new Set(["S3RVER"]);

export interface SecretFinding {
  source: string;
  line: number;
  kind: string;
  /** The match with its middle masked, so a report never repeats a real secret. */
  masked: string;
}

const mask = (value: string) =>
  value.length <= 12 ? "*".repeat(value.length) : `${value.slice(0, 8)}…${value.slice(-4)}`;

/** Every credential-shaped string in `text`, which came from `source` (a path, for the report). */
export function findSecrets(source: string, text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const { kind, pattern } of SECRET_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if ([...ALLOWED_PLACEHOLDERS].some((placeholder) => match[0].endsWith(placeholder))) continue;
      const line = text.slice(0, match.index).split("\n").length;
      findings.push({ source, line, kind, masked: mask(match[0]) });
    }
  }
  return findings;
}

/** A NUL byte in the first 8 kB is how git itself tells a binary file from text. */
export const isBinary = (bytes: Buffer) => bytes.subarray(0, 8192).includes(0);
