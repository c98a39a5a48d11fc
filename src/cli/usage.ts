import { parseArgs, type ParseArgsConfig } from 'node:util'

/** A mistake in the command line: reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** A failure while running a command (unreadable file, parse error): one line, exit code 2. */
export class CommandError extends Error {
  override readonly name = 'CommandError'
}

type Options = NonNullable<ParseArgsConfig['options']>

/**
 * `parseArgs` in strict mode with positionals, its errors turned into short `UsageError`s that name
 * the option but never echo an argument's value (a `--header` value is a secret).
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(`${describeParseError(error)} (see 'api-live-sync ${command} --help')`)
  }
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)
  const option = /'(-[^'\s=]*)/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${option ?? '?'}'`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(message) ? `option '${option ?? '?'}' does not take a value` : `option '${option ?? '?'}' needs a value`
  }
  return firstLine(message)
}

/** One line of text: error messages are printed as single lines. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text
}
