import type { CliIo } from './cli-io.js'

/** One sub-command of the `api-live-sync` tool. */
export interface Command {
  readonly name: string
  /** One line for the main help. */
  readonly summary: string
  /** Runs with the arguments after the command name; resolves the exit code. */
  run(args: string[], io: CliIo): Promise<number>
}
