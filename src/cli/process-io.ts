import type { CliIo } from './cli-io.js'
import { terminalInput } from './terminal-input.js'

/** The real process: its streams, environment, working directory and signals. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    handleProcessSignals: true,
    stdin: terminalInput(process.stdin, process.stderr),
  }
}
