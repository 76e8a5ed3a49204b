import { codeSha256 } from "./bundle-zip";

/**
 * Lambda's quota for a zip uploaded with the request (ZipFile), which is how a promotion uploads it again:
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
export const ZIP_LIMIT_BYTES = 50 * 1024 * 1024;

/** The URL without its query: a presigned URL's query is a credential of sorts, and says nothing to a reader. */
const withoutQuery = (url: string) => {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return "(an unreadable URL)";
  }
};

async function readBounded(response: Response, where: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > ZIP_LIMIT_BYTES)
    throw new Error(
      `The code at ${where} is ${declared} bytes, over Lambda's ${ZIP_LIMIT_BYTES}-byte zip limit.`,
    );
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > ZIP_LIMIT_BYTES) {
      await reader.cancel();
      throw new Error(`The code at ${where} runs over Lambda's ${ZIP_LIMIT_BYTES}-byte zip limit.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Downloads a version's deployment package from GetFunction's Code.Location and checks that it is the code
 * Lambda says the version runs (its CodeSha256): a promotion must republish exactly those bytes.
 */
export async function downloadCode(location: string, expectedSha256: string): Promise<Uint8Array> {
  const where = withoutQuery(location);
  const response = await fetch(location).catch((error: unknown) => {
    throw new Error(`Downloading the code from ${where} failed: ${(error as Error).message}`, {
      cause: error,
    });
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`Downloading the code from ${where} answered HTTP ${response.status}.`);
  }
  const zip = await readBounded(response, where);
  const sha = codeSha256(zip);
  if (sha !== expectedSha256)
    throw new Error(
      `The code downloaded from ${where} has CodeSha256 ${sha}, not the version's ${expectedSha256}: nothing is promoted.`,
    );
  return zip;
}
