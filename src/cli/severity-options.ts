import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseSeverityOverrides, type SeverityOverrides } from '../diff/severity-overrides.js'
import { isRecord } from '../shared/json.js'
import { CommandError, UsageError } from './usage.js'

/** The options `diff` and `watch` take to change rule severities (as oasdiff's `--severity-levels`). */
export const SEVERITY_ARG_OPTIONS = {
  severity: { type: 'string', multiple: true },
  'severity-config': { type: 'string' },
} as const

export const SEVERITY_HELP = `  --severity <kind=level> report a rule at another severity: breaking, warning or info
                          (repeatable; e.g. --severity schema-property-enum-value-added=info)
  --severity-config <file>
                          a JSON file { "severityOverrides": { "<kind>": "<level>" } };
                          --severity wins where both name a kind
`

/**
 * The overrides of `--severity-config` and `--severity` (those win), checked against the rule
 * catalog: an unknown kind or level is INVALID_CONFIG naming it. Undefined when neither is given.
 */
export async function parseSeverityOptions(
  values: { severity?: string[] | undefined; 'severity-config'?: string | undefined },
  cwd: string,
): Promise<SeverityOverrides | undefined> {
  const file = values['severity-config']
  const flags = values.severity ?? []
  if (file === undefined && flags.length === 0) return undefined
  const fromFile = file === undefined ? {} : await readSeverityConfig(resolve(cwd, file), file)
  const fromFlags: Record<string, string> = {}
  for (const flag of flags) {
    const equals = flag.indexOf('=')
    if (equals <= 0 || equals === flag.length - 1) throw new UsageError(`--severity takes kind=level, e.g. schema-property-enum-value-added=info (got '${flag}')`)
    fromFlags[flag.slice(0, equals).trim()] = flag.slice(equals + 1).trim()
  }
  const label = [file === undefined ? undefined : `--severity-config ${file}`, flags.length > 0 ? '--severity' : undefined].filter(Boolean).join(' and ')
  return parseSeverityOverrides({ ...fromFile, ...fromFlags }, label)
}

async function readSeverityConfig(path: string, label: string): Promise<Record<string, unknown>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new CommandError(`cannot read --severity-config ${label}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new CommandError(`--severity-config ${label} is not JSON: ${(error as Error).message}`)
  }
  const overrides = isRecord(parsed) ? parsed['severityOverrides'] : undefined
  if (!isRecord(overrides)) throw new CommandError(`--severity-config ${label} must be an object with a "severityOverrides" object`)
  return overrides
}
