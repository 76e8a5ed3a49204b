import { FUNCTION_NAMES } from "@holonet/infra/app-definition";

export const HELP = `Usage:
  pnpm run deploy <service> --stage <stage> [--dry-run]      from the repository's root
  pnpm --filter @holonet/<service> run deploy --stage <stage> [--dry-run]
  pnpm run promote <service> --from <stage> --to <stage> [--dry-run]
  pnpm run rollback <service> --stage <stage>
  pnpm --filter @holonet/<service> run rollback --stage <stage>
  pnpm run history <service> --stage <stage>
  pnpm run destroy --stage <stage> [--yes] [--force] [--delete-data]

Deploys one service on its own. For a function (${FUNCTION_NAMES.join(", ")}): builds it (pnpm build's
bytes, in this process, only when its files changed), zips the bundle reproducibly (the same code, the same
CodeSha256), creates or updates the function with the configuration from infra/, waits for Lambda,
publishes a version, moves the stage's alias to it, and smoke-invokes the alias with the service's sample
event, moving the alias back if that fails. Nothing changed: nothing is published. For web: builds the site and syncs it to the stage's web bucket, with a
config.json holding the stage's API URL.

promote moves the --to stage onto exactly the code the --from stage tested: the version --from's alias
serves, only if a deploy made it for --from and it passed its smoke test there (never pnpm dev's). It
downloads that version's zip from Lambda, checks it against its CodeSha256, and publishes it again with the
--to stage's configuration (role, bucket), then smoke-tests and records it as deploy does. The new version
has the same CodeSha256 and its description names where it came from (history shows "promoted from ci
version 7"). Nothing builds: the code is the tested code.

rollback moves the stage's alias back to the version that served the stage before, as the alias's own
history records it (docs/decisions/0010-release-model.md): only a version a deploy made for that stage and
made live after a passed smoke test; never one of another stage, one whose smoke test failed, or one that
pnpm dev published. history shows that record: the version the alias serves and those before it.

destroy removes what a stage made, after showing it: the stage's aliases (the versions stay, other stages
use the same functions), the objects in its web bucket, and its stack. The data bucket and its saved quotes
are kept (the stack retains it, and the next deploy:stack of the stage adopts it) unless --delete-data,
which empties and deletes it once the stack is gone, also when only the bucket is left. It asks you to type
the stage's name, or takes --yes; it refuses prod without --force.

AWS: the standard credential chain and region. The local cloud: the same, with the endpoints pointed at it:
  eval "$(pnpm -s local-env)"    (AWS_ENDPOINT_URL_LAMBDA, _S3, _CLOUDFORMATION from .holonet/dev.json)
The stage's stack (pnpm --filter @holonet/infra run deploy --stage <stage>; locally pnpm dev) gives the roles,
buckets and the API URL.

Options:
  --stage <name>   the stage: dev, ci, prod, ... (required, except for promote)
  --from <name>    promote: the stage whose tested version is promoted
  --to <name>      promote: the stage that gets it
  --dry-run        print the plan and change nothing
  --no-build       deploy the bundle as it is
  --yes            destroy without asking
  --force          allow destroying prod
  --delete-data    destroy: also empty and delete the stage's data bucket
  -h, --help       show this help`;
