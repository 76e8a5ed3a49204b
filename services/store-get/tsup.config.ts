import { lambdaBundle } from "@holonet/bundle-config/lambda-bundle";

export default lambdaBundle();
