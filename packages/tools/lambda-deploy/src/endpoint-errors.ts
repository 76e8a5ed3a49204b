/** The variables that point each service's SDK client elsewhere than AWS, as `pnpm -s local-env` sets them. */
const ENDPOINT_VARIABLES = [
  "AWS_ENDPOINT_URL_LAMBDA",
  "AWS_ENDPOINT_URL_S3",
  "AWS_ENDPOINT_URL_CLOUDFORMATION",
  "AWS_ENDPOINT_URL",
] as const;

/**
 * Says what a refused connection means and what to do, instead of a bare `connect ECONNREFUSED
 * 127.0.0.1:4561`: which endpoint setting names that address, and how to start or leave the local cloud.
 */
export function explainUnreachable(error: unknown, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const causes: unknown[] = [];
  for (
    let each: unknown = error;
    each !== undefined && causes.length < 5;
    each = (each as { cause?: unknown }).cause
  )
    causes.push(each);
  const message = causes.map((each) => (each instanceof Error ? each.message : String(each))).join(" ");
  const code = causes.map((each) => (each as { code?: string }).code).find((each) => each !== undefined);
  const address = /ECONNREFUSED (\S+)/.exec(message)?.[1];
  if (code !== "ECONNREFUSED" && address === undefined) return undefined;
  const hostOf = (url: string | undefined) => {
    try {
      return url === undefined ? undefined : new URL(url).host;
    } catch {
      return undefined;
    }
  };
  const variable = ENDPOINT_VARIABLES.find((name) => address !== undefined && hostOf(env[name]) === address);
  const where = variable ? `${env[variable]} (${variable})` : (address ?? "the endpoint");
  return `Nothing answers at ${where}. For the local cloud, start it with pnpm dev and run eval "$(pnpm -s local-env)" again; for AWS, unset the AWS_ENDPOINT_URL_* variables.`;
}
