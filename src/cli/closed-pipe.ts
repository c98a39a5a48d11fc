/**
 * A signal that aborts when the reader of one of `streams` goes away (`api-live-sync diff a b | head -1`
 * closes the pipe after one line). Without a listener, Node reports the failed write as an
 * unhandled `write EPIPE` error with a stack trace; a closed pipe is an ordinary way for a CLI's
 * output to end. Other stream errors are rethrown as before.
 */
export function closedPipeSignal(streams: readonly NodeJS.WritableStream[]): AbortSignal {
  const controller = new AbortController()
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      controller.abort()
    })
  }
  return controller.signal
}
