import { BUCKETS, type BucketId, bucketName, type Stage } from "./app-definition";
import { type PolicyStatement, type Resource, ref, sub } from "./cloudformation-types";
import { LOGICAL_IDS } from "./stack-names";

/** A bucket's ARN, or (with a key pattern) the ARN of its objects; the partition comes from the account. */
export const bucketArn = (bucket: BucketId, stage: Stage, keys?: string) =>
  sub(`arn:\${AWS::Partition}:s3:::${bucketName(bucket, stage)}${keys === undefined ? "" : `/${keys}`}`);

/**
 * Refuse plain HTTP on every request to the bucket, the rule AWS recommends for a private bucket:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
 * A Deny may name every action (`s3:*`): it takes rights away, never grants them.
 */
const denyInsecureTransport = (bucket: BucketId, stage: Stage): PolicyStatement => ({
  Sid: "DenyRequestsWithoutTls",
  Effect: "Deny",
  Principal: "*",
  Action: ["s3:*"],
  Resource: [bucketArn(bucket, stage), bucketArn(bucket, stage, "*")],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
});

/**
 * Anyone may read the website's objects, and only that: S3 website endpoints serve anonymous requests
 * only for objects a bucket policy makes public.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteAccessPermissionsReqd.html
 * No statement grants a write: only the deployer's own IAM identity may put objects.
 */
const publicRead = (bucket: BucketId, stage: Stage): PolicyStatement => ({
  Sid: "PublicReadOfTheWebsite",
  Effect: "Allow",
  Principal: "*",
  Action: ["s3:GetObject"],
  Resource: [bucketArn(bucket, stage, "*")],
});

function bucket(id: BucketId, stage: Stage): [Resource, Resource] {
  const website = BUCKETS[id].website;
  const properties = {
    BucketName: bucketName(id, stage),
    // SSE-S3: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-serversideencryptionbydefault.html
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" as const } },
      ],
    },
    // ACLs off: the bucket owns every object and only policies grant access.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
    OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" as const }] },
  };
  if (!website) {
    return [
      {
        Type: "AWS::S3::Bucket",
        // The saved quotes outlive the stack: deleting or replacing it leaves the bucket in place.
        DeletionPolicy: "Retain",
        UpdateReplacePolicy: "Retain",
        Properties: {
          ...properties,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
        },
      },
      {
        Type: "AWS::S3::BucketPolicy",
        Properties: {
          Bucket: ref(LOGICAL_IDS.bucket(id)),
          PolicyDocument: { Version: "2012-10-17", Statement: [denyInsecureTransport(id, stage)] },
        },
      },
    ];
  }
  return [
    {
      Type: "AWS::S3::Bucket",
      Properties: {
        ...properties,
        // A public bucket policy must be allowed through; ACLs stay blocked (and are off anyway).
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: false,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: false,
        },
        // The site routes in the browser, so every unknown path answers with the index page.
        WebsiteConfiguration: { IndexDocument: website.indexDocument, ErrorDocument: website.indexDocument },
      },
    },
    {
      Type: "AWS::S3::BucketPolicy",
      Properties: {
        Bucket: ref(LOGICAL_IDS.bucket(id)),
        PolicyDocument: { Version: "2012-10-17", Statement: [publicRead(id, stage)] },
      },
    },
  ];
}

/** Each bucket of the definition, with its policy: private unless the definition makes it a website. */
export function bucketResources(stage: Stage): Record<string, Resource> {
  return Object.fromEntries(
    (Object.keys(BUCKETS) as BucketId[]).flatMap((id) => {
      const [bucketResource, policy] = bucket(id, stage);
      return [
        [LOGICAL_IDS.bucket(id), bucketResource],
        [LOGICAL_IDS.bucketPolicy(id), policy],
      ];
    }),
  );
}
