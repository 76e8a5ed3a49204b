/** The local cloud's endpoints and their ports: light enough for the docs generator to read without starting anything. */
export type Endpoint =
  | "api"
  | "web"
  | "s3"
  | "lambda"
  | "cloudformation"
  | "logs"
  | "dashboard"
  | "ci-api"
  | "ci-web"
  | "prod-api"
  | "prod-web";

/** dev's endpoints keep their first names (`api`, `web`); the other stages' carry the stage's. */
export const stageEndpoints = (stage: string): { api: Endpoint; web: Endpoint } =>
  stage === "dev"
    ? { api: "api", web: "web" }
    : { api: `${stage}-api` as Endpoint, web: `${stage}-web` as Endpoint };

export const DEFAULT_PORTS: Record<Endpoint, number> = {
  api: 4560,
  lambda: 4561,
  s3: 4562,
  web: 4563,
  cloudformation: 4564,
  logs: 4565,
  dashboard: 4566,
  "ci-api": 4567,
  "ci-web": 4568,
  "prod-api": 4569,
  "prod-web": 4570,
};

/** Every endpoint on a free port: for tests, which run side by side and beside a developer's pnpm dev. */
export const FREE_PORTS: Record<Endpoint, number> = Object.fromEntries(
  Object.keys(DEFAULT_PORTS).map((endpoint) => [endpoint, 0]),
) as Record<Endpoint, number>;

/** An endpoint's environment variable: `ci-api` -> HOLONET_CI_API_PORT. */
export const portVariable = (endpoint: Endpoint) =>
  `HOLONET_${endpoint.toUpperCase().replace(/-/g, "_")}_PORT`;
