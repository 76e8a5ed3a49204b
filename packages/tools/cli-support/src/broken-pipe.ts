/**
 * When the reader of stdout goes away (`| head -1`, a pager quit early), the next write fails with EPIPE,
 * which Node raises as an unhandled 'error' with a stack; a closed terminal's writes fail with EIO alike. A
 * command-line tool has nothing left to say then: `onBrokenPipe` runs instead (by default, exit quietly
 * with 0, as a shell's own tools do).
 */
export function handleBrokenPipe(
  stream: NodeJS.WriteStream = process.stdout,
  onBrokenPipe: () => void = () => process.exit(0),
): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || error.code === "EIO") onBrokenPipe();
    else throw error;
  });
}
