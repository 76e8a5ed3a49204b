import { describe, expect, it } from "vitest";
import { renderTemplate } from "../src/cloudformation-template";
import {
  changeSetName,
  changeSetState,
  changeSetTypeFor,
  checkTemplateSize,
  DeployError,
  describeChanges,
  formatChange,
  isStackMissing,
  stackState,
  TEMPLATE_BODY_LIMIT_BYTES,
  unseenEvents,
} from "../src/deploy-decisions";

describe("the change set's type", () => {
  it("creates a stack that does not exist, or exists only as a change set's empty shell", () => {
    expect(changeSetTypeFor(undefined, "dev")).toBe("CREATE");
    expect(changeSetTypeFor("REVIEW_IN_PROGRESS", "dev")).toBe("CREATE");
  });

  it.each(["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE"])(
    "updates a stack that has settled (%s)",
    (status) => expect(changeSetTypeFor(status, "dev")).toBe("UPDATE"),
  );

  it.each([
    ["UPDATE_IN_PROGRESS", /busy/],
    ["UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", /busy/],
    ["ROLLBACK_COMPLETE", /can only be deleted/],
    ["UPDATE_ROLLBACK_FAILED", /continue-update-rollback/],
    ["DELETE_FAILED", /delete/],
  ])("refuses a stack in %s, saying what to do", (status, message) => {
    expect(() => changeSetTypeFor(status, "dev")).toThrow(DeployError);
    expect(() => changeSetTypeFor(status, "dev")).toThrow(message);
  });

  it("knows CloudFormation's answer for a stack that does not exist from other failures", () => {
    const missing = Object.assign(new Error("Stack with id holonet-dev does not exist"), {
      name: "ValidationError",
    });
    expect(isStackMissing(missing)).toBe(true);
    expect(isStackMissing(Object.assign(new Error("Rate exceeded"), { name: "Throttling" }))).toBe(false);
    expect(
      isStackMissing(Object.assign(new Error("Template format error"), { name: "ValidationError" })),
    ).toBe(false);
  });
});

describe("the change set's state", () => {
  it("waits while CloudFormation computes it", () => {
    expect(changeSetState("CREATE_PENDING", undefined)).toBe("pending");
    expect(changeSetState("CREATE_IN_PROGRESS", undefined)).toBe("pending");
    expect(changeSetState(undefined, undefined)).toBe("pending");
  });

  it("is ready once computed", () => expect(changeSetState("CREATE_COMPLETE", undefined)).toBe("ready"));

  it("reads an empty change set as 'no changes', not as a failure", () => {
    expect(
      changeSetState(
        "FAILED",
        "The submitted information didn't contain changes. Submit different information to create a change set.",
      ),
    ).toBe("empty");
    expect(changeSetState("FAILED", "No updates are to be performed.")).toBe("empty");
  });

  it("reports any other failure", () =>
    expect(
      changeSetState("FAILED", "Template error: instance of Fn::GetAtt references undefined resource"),
    ).toBe("failed"));
});

describe("the stack's state after executing", () => {
  it.each([
    ["CREATE_IN_PROGRESS", "in-progress"],
    ["UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "in-progress"],
    ["UPDATE_ROLLBACK_IN_PROGRESS", "in-progress"],
    ["CREATE_COMPLETE", "succeeded"],
    ["UPDATE_COMPLETE", "succeeded"],
    ["ROLLBACK_COMPLETE", "failed"],
    ["UPDATE_ROLLBACK_COMPLETE", "failed"],
    ["UPDATE_FAILED", "failed"],
    ["ROLLBACK_FAILED", "failed"],
  ])("%s is %s", (status, state) => expect(stackState(status)).toBe(state));
});

describe("progress", () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 12, 0, seconds));
  const event = (id: string, seconds: number) => ({
    EventId: id,
    Timestamp: at(seconds),
    LogicalResourceId: "DataBucket",
    ResourceType: "AWS::S3::Bucket",
    ResourceStatus: "CREATE_IN_PROGRESS",
  });

  it("shows each event of this deploy once, oldest first", () => {
    const newestFirst = [event("c", 30), event("b", 20), event("a", 10), event("old", 1)];
    expect(unseenEvents(newestFirst, new Set(["b"]), at(5)).map((e) => e.EventId)).toEqual(["a", "c"]);
  });

  it("prints a planned change with its replacement", () => {
    const line = formatChange({
      Action: "Modify",
      ResourceType: "AWS::S3::Bucket",
      LogicalResourceId: "DataBucket",
      Replacement: "True",
    });
    expect(line).toMatch(/^Modify\s+AWS::S3::Bucket\s+DataBucket\s+\(replaces it\)$/);
  });

  it("names change sets as CloudFormation allows: a letter, then letters, digits and hyphens", () => {
    expect(changeSetName("holonet-prod", at(7))).toBe("holonet-prod-20261127120007");
    expect(changeSetName("holonet-prod", at(7))).toMatch(/^[A-Za-z][-A-Za-z0-9]{0,127}$/);
  });
});

describe("the template's size", () => {
  it("fits in an inline TemplateBody", () => {
    expect(() => checkTemplateSize(renderTemplate("prod"))).not.toThrow();
  });

  it("is refused past CloudFormation's inline limit", () => {
    expect(() => checkTemplateSize("x".repeat(TEMPLATE_BODY_LIMIT_BYTES + 1))).toThrow(DeployError);
  });
});

describe("the plan's lines", () => {
  const resource = (Action: string, LogicalResourceId: string) => ({
    ResourceChange: { Action, LogicalResourceId, ResourceType: "AWS::S3::Bucket" },
  });

  it("counts resource changes, in the singular for one", () => {
    expect(describeChanges([resource("Modify", "WebBucket")])[0]).toBe("1 resource change:");
    expect(describeChanges([resource("Add", "WebBucket"), resource("Add", "DataBucket")])[0]).toBe(
      "2 resource changes:",
    );
  });

  it("says what a change set without resource changes does, rather than '0 change(s)'", () => {
    // A change set whose only difference is in Outputs lists no ResourceChange at all.
    expect(describeChanges([])).toEqual([
      "No resource changes; only the stack's outputs or settings change.",
    ]);
  });

  it("explains an Import: the retained data bucket is adopted as it is", () => {
    const lines = describeChanges([resource("Import", "DataBucket"), resource("Add", "WebBucket")]);
    expect(lines[1]).toMatch(/Import\s+AWS::S3::Bucket\s+DataBucket/);
    expect(lines.at(-1)).toMatch(/^Import: .*adopts it/);
  });
});
