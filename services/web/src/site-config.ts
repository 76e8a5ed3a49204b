import * as z from "@holonet/contracts/zod";
import type { ApiResult, Fetch } from "./api-client";

/**
 * config.json beside index.html: the site's run-time settings. It is written into the bucket when the site
 * is published, not built in, so one build serves every stage.
 */
export const SiteConfig = z.object({
  apiUrl: z.url({ protocol: /^https?$/, error: "apiUrl must be an http(s) URL" }),
});
export type SiteConfig = z.infer<typeof SiteConfig>;

/** Reads config.json from `url` (resolved against the page, so the site works under any path). */
export async function loadSiteConfig(fetch: Fetch, url: string): Promise<ApiResult<SiteConfig>> {
  let response: Response;
  try {
    // no-cache: a new deployment may point the same site at another API.
    response = await fetch(url, { cache: "no-cache" });
  } catch {
    return {
      ok: false,
      failure: { kind: "network", message: `Could not load the site's settings (${url}).` },
    };
  }
  const text = response.ok ? await response.text() : "";
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = SiteConfig.safeParse(json);
  if (!response.ok || !parsed.success) {
    return {
      ok: false,
      failure: {
        kind: "invalid-response",
        status: response.status,
        message: `The site's settings (config.json) are missing or invalid: it needs {"apiUrl": "https://..."}.`,
      },
    };
  }
  return { ok: true, value: parsed.data };
}
