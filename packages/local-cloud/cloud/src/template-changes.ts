import { isDeepStrictEqual } from "node:util";

/** The part of a CloudFormation template a change set is computed from. */
export interface TemplateResources {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

export interface ResourceChange {
  Action: "Add" | "Modify" | "Remove" | "Import";
  LogicalResourceId: string;
  ResourceType: string;
  PhysicalResourceId?: string;
  /** Modify only: whether the change replaces the resource. */
  Replacement?: "True" | "False";
}

/** A TemplateBody CloudFormation can read, or why not (its own words for malformed JSON). */
export function parseTemplate(body: string | null): TemplateResources {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? "");
  } catch {
    throw new Error("Template format error: JSON not well-formed.");
  }
  const resources = (parsed as { Resources?: unknown } | null)?.Resources;
  if (typeof resources !== "object" || resources === null || Object.keys(resources).length === 0)
    throw new Error("Template format error: At least one Resources member must be defined.");
  return parsed as TemplateResources;
}

/** A resource's name as it is outside any stack (a bucket's BucketName), when the template fixes it. */
export function staticName(resource: TemplateResources["Resources"][string]): string | undefined {
  const name = resource.Properties?.BucketName;
  return resource.Type === "AWS::S3::Bucket" && typeof name === "string" ? name : undefined;
}

/**
 * The resource changes from one template to the next, by logical id, as a change set lists them. A new
 * resource that `importable` names is imported rather than added (ImportExistingResources).
 */
export function resourceChanges(
  before: TemplateResources | undefined,
  after: TemplateResources,
  importable: (name: string) => boolean = () => false,
): ResourceChange[] {
  const old = before?.Resources ?? {};
  const changes: ResourceChange[] = [];
  for (const [id, resource] of Object.entries(after.Resources)) {
    const previous = old[id];
    const name = staticName(resource);
    if (!previous) {
      const imported = name !== undefined && importable(name);
      changes.push({
        Action: imported ? "Import" : "Add",
        LogicalResourceId: id,
        ResourceType: resource.Type,
        ...(imported && { PhysicalResourceId: name }),
      });
    } else if (!isDeepStrictEqual(previous, resource)) {
      // A new type, or a new fixed name, can only be a new resource.
      const replaced = previous.Type !== resource.Type || staticName(previous) !== name;
      changes.push({
        Action: "Modify",
        LogicalResourceId: id,
        ResourceType: resource.Type,
        Replacement: replaced ? "True" : "False",
      });
    }
  }
  for (const [id, resource] of Object.entries(old))
    if (!(id in after.Resources))
      changes.push({ Action: "Remove", LogicalResourceId: id, ResourceType: resource.Type });
  return changes;
}
