import {
  GetAliasCommand,
  type LambdaClient,
  ListVersionsByFunctionCommand,
  UpdateAliasCommand,
} from "@aws-sdk/client-lambda";

/** Every published version of a function, as numbers, from all pages of the listing. */
async function publishedVersions(client: LambdaClient, name: string): Promise<number[]> {
  const versions: number[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const answer = await client.send(
      new ListVersionsByFunctionCommand({ FunctionName: name, Marker: marker }),
    );
    for (const { Version } of answer.Versions ?? [])
      if (Version && Version !== "$LATEST") versions.push(Number(Version));
    marker = answer.NextMarker;
    if (!marker) break;
  }
  return versions.sort((a, b) => a - b);
}

/** The version before `current` among those published, or undefined when there is none. */
export function previousVersion(versions: number[], current: number): number | undefined {
  return versions.filter((version) => version < current).at(-1);
}

/** Moves the alias to the version published before the one it points at. */
export async function rollbackAlias(client: LambdaClient, name: string, alias: string) {
  const { FunctionVersion } = await client.send(new GetAliasCommand({ FunctionName: name, Name: alias }));
  const current = Number(FunctionVersion);
  const target = previousVersion(await publishedVersions(client, name), current);
  if (target === undefined) {
    throw new Error(
      `${name}:${alias} points at version ${FunctionVersion}, and no version was published before it.`,
    );
  }
  await client.send(
    new UpdateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: String(target) }),
  );
  return { from: String(current), to: String(target) };
}
