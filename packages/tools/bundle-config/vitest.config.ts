export { default } from "@holonet/test-kit/vitest-config";
