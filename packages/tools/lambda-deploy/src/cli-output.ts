/** One indented line of progress or of a plan. */
export const say = (line: string) => console.log(`  ${line}`);

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
