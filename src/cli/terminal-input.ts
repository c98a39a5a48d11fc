import { createInterface } from 'node:readline/promises'
import type { CliInput } from './cli-io.js'

/**
 * Questions on the process's terminal: one readline interface per question, closed right after,
 * so an idle `watch` does not hold stdin (and Ctrl-C still reaches the process's signal handler).
 */
export function terminalInput(input: NodeJS.ReadStream, output: NodeJS.WriteStream): CliInput {
  return {
    isTTY: input.isTTY === true,
    async question(prompt, signal) {
      if (signal?.aborted === true) return undefined
      const lines = createInterface({ input, output, terminal: input.isTTY === true })
      const closed = new Promise<undefined>((resolve) => lines.once('close', () => resolve(undefined)))
      // A terminal in raw mode turns Ctrl-C into a readline event: hand it back to the process, which stops `watch`.
      lines.on('SIGINT', () => process.kill(process.pid, 'SIGINT'))
      try {
        return await Promise.race([lines.question(prompt, signal === undefined ? {} : { signal }), closed])
      } catch {
        return undefined // aborted: the user stopped the command
      } finally {
        lines.close()
      }
    },
  }
}
