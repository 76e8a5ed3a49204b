/** The local cloud's endpoints and their ports: light enough for the docs generator to read without starting anything. */
export type Endpoint = "api" | "web" | "s3" | "lambda" | "cloudformation" | "logs" | "dashboard";

export const DEFAULT_PORTS: Record<Endpoint, number> = {
  api: 4560,
  lambda: 4561,
  s3: 4562,
  web: 4563,
  cloudformation: 4564,
  logs: 4565,
  dashboard: 4566,
};

/** Every endpoint on a free port: for tests, which run side by side and beside a developer's pnpm dev. */
export const FREE_PORTS: Record<Endpoint, number> = {
  api: 0,
  lambda: 0,
  s3: 0,
  web: 0,
  cloudformation: 0,
  logs: 0,
  dashboard: 0,
};
