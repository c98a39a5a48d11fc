import type { CliIo } from '../../src/cli/cli-io.js'
import { runCli } from '../../src/cli/run-cli.js'

/** What an in-process run of the CLI printed, and its exit code. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs `api-live-sync ...argv` in this process through `runCli`, capturing what it writes through its io (no colour, no terminal). */
export async function runCliInProcess(argv: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
    cwd: options.cwd,
    handleProcessSignals: false,
  }
  const code = await runCli(argv, io)
  return { code, stdout, stderr }
}
