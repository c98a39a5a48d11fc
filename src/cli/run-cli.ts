import { LiveSyncError } from '../errors/errors.js'
import type { CliIo } from './cli-io.js'
import { terminalSafeOutput } from './color.js'
import type { Command } from './command.js'
import { diffCommand } from './commands/diff.js'
import { discoverCommand } from './commands/discover.js'
import { watchCommand } from './commands/watch.js'
import { CommandError, UsageError, oneLine } from './usage.js'
import { VERSION } from './version.js'

const COMMANDS: readonly Command[] = [watchCommand, diffCommand, discoverCommand]

export const MAIN_HELP = `Usage: api-live-sync <command> [options]

Keeps an eye on live API definitions (OpenAPI 2.0/3.0/3.1, GraphQL, Postman collections)
and reports what changed, breaking changes first.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(10)}${command.summary}`).join('\n')}

Options:
  -h, --help     show this help (and 'api-live-sync <command> --help' for a command's)
  -v, --version  print the version

Colours: on for terminals; NO_COLOR=1 turns them off, FORCE_COLOR=1 forces them on.
`

/**
 * Runs the command line `argv` (without `node` and the script) and resolves the exit code: 0 success,
 * 1 a finding the command reports through its code (diff: changes at --fail-on; discover: nothing
 * found), 2 a usage mistake or an error, each reported as one line on stderr.
 */
export async function runCli(argv: readonly string[], processIo: CliIo): Promise<number> {
  // Text from outside (documents, servers, error messages) reaches the terminal only through this filter.
  const io: CliIo = { ...processIo, stdout: terminalSafeOutput(processIo.stdout), stderr: terminalSafeOutput(processIo.stderr) }
  const [first, ...rest] = argv
  try {
    if (first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(MAIN_HELP)
      return 0
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${VERSION}\n`)
      return 0
    }
    if (first === undefined) throw new UsageError("a command is needed: watch, diff or discover (see 'api-live-sync --help')")
    const command = COMMANDS.find((candidate) => candidate.name === first)
    if (command === undefined) {
      const what = first.startsWith('-') ? `unknown option '${first.split('=')[0]}'` : `unknown command '${first}'`
      throw new UsageError(`${what} (see 'api-live-sync --help')`)
    }
    return await command.run(rest, io)
  } catch (error) {
    io.stderr.write(`api-live-sync: ${describeError(error)}\n`)
    return 2
  }
}

function describeError(error: unknown): string {
  if (error instanceof UsageError || error instanceof CommandError) return oneLine(error.message)
  if (error instanceof LiveSyncError) return oneLine(error.message)
  // A bug, not a user mistake: say so, still on one line.
  return `unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}`
}
