// serverless-offline ships no types; the bench casts what it uses (see peers/serverless-offline.ts).
declare module "serverless-offline/lambda";
