import type { PolicyDocument, PolicyStatement, Resource, Template, Value } from "../src/cloudformation-types";

/** The text of a value: a literal, or the string an Fn::Sub resolves (placeholders left in). */
export function text(value: Value): string {
  if (typeof value === "string") return value;
  if ("Fn::Sub" in value) return value["Fn::Sub"];
  return JSON.stringify(value);
}

export function resourcesOfType<T extends Resource["Type"]>(template: Template, type: T) {
  return Object.entries(template.Resources).filter(
    (entry): entry is [string, Extract<Resource, { Type: T }>] => entry[1].Type === type,
  );
}

export function resource<T extends Resource["Type"]>(template: Template, id: string, type: T) {
  const found = template.Resources[id];
  if (found?.Type !== type) throw new Error(`no ${type} named ${id}`);
  return found as Extract<Resource, { Type: T }>;
}

/** Every policy document in the template, named by where it is: bucket policies, trust and role policies. */
export function policyDocuments(template: Template): { where: string; document: PolicyDocument }[] {
  return Object.entries(template.Resources).flatMap(
    ([id, res]): { where: string; document: PolicyDocument }[] => {
      if (res.Type === "AWS::S3::BucketPolicy")
        return [{ where: id, document: res.Properties.PolicyDocument }];
      if (res.Type === "AWS::IAM::Role")
        return [
          { where: `${id} trust`, document: res.Properties.AssumeRolePolicyDocument },
          ...res.Properties.Policies.map((policy) => ({
            where: `${id} ${policy.PolicyName}`,
            document: policy.PolicyDocument,
          })),
        ];
      return [];
    },
  );
}

export const statements = (template: Template): (PolicyStatement & { where: string })[] =>
  policyDocuments(template).flatMap(({ where, document }) =>
    document.Statement.map((statement) => ({ ...statement, where })),
  );

/** The statements of one role's own (inline) policies. */
export const roleStatements = (template: Template, id: string): PolicyStatement[] =>
  resource(template, id, "AWS::IAM::Role").Properties.Policies.flatMap(
    (policy) => policy.PolicyDocument.Statement,
  );
