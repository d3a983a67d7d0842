// `switchboard history <id> | head`: once the reader has gone, stop quietly instead of dying on
// an EPIPE stack trace; whatever the reader wanted, it already has.
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => never = process.exit): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    throw error;
  });
}
