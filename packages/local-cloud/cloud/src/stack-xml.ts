import { randomUUID } from "node:crypto";
import type { ChangeSet, StackEvent, StackRecord } from "./stack-records";

/** CloudFormation's query protocol answers: XML in this namespace, each with its request id. */
const XMLNS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

export const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

/** `<Name>value</Name>` for each field that has a value, in order. */
const fields = (values: Record<string, string | Date | undefined>) =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([name, value]) => {
      const text = value instanceof Date ? value.toISOString() : (value as string);
      return `<${name}>${escapeXml(text)}</${name}>`;
    })
    .join("");

const members = <T>(items: readonly T[], member: (item: T) => string) =>
  items.map((item) => `<member>${member(item)}</member>`).join("");

/** An action's answer: its result (if any) and the request id. */
export const responseXml = (action: string, result?: string) =>
  `<${action}Response xmlns="${XMLNS}">${result === undefined ? "" : `<${action}Result>${result}</${action}Result>`}<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;

export const errorXml = (code: string, message: string) =>
  `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;

export function stacksXml(stacks: readonly (StackRecord & { outputs: Record<string, string> })[]): string {
  const stack = (each: (typeof stacks)[number]) =>
    fields({
      StackName: each.name,
      StackId: each.id,
      CreationTime: each.created,
      LastUpdatedTime: each.updated,
      StackStatus: each.status,
      StackStatusReason: each.statusReason,
    }) +
    `<Outputs>${members(Object.entries(each.outputs), ([key, value]) => fields({ OutputKey: key, OutputValue: value }))}</Outputs>`;
  return `<Stacks>${members(stacks, stack)}</Stacks>`;
}

export function changeSetXml(changeSet: ChangeSet): string {
  const change = (each: ChangeSet["changes"][number]) =>
    `<Type>Resource</Type><ResourceChange>${fields({ ...each })}</ResourceChange>`;
  return `${fields({
    ChangeSetName: changeSet.name,
    ChangeSetId: changeSet.id,
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    CreationTime: changeSet.created,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
  })}<Changes>${members(changeSet.changes, change)}</Changes>`;
}

export const eventsXml = (events: readonly StackEvent[]) =>
  `<StackEvents>${members(events, (event) => fields({ ...event }))}</StackEvents>`;
