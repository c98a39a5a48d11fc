import { discoverSpec, type DiscoveredSpec } from '../../discovery/discover-spec.js'
import { SPEC_PROBES } from '../../discovery/probe-table.js'
import { redactUrl } from '../../loaders/redact.js'
import { colorEnabled, createPalette, type Palette } from '../color.js'
import type { Command } from '../command.js'
import { parseHeaderOptions } from '../source-location.js'
import { UsageError, parseCommandArgs } from '../usage.js'

const DEFAULT_TIMEOUT_MS = 3000

export const DISCOVER_HELP = `Usage: api-live-sync discover <baseUrl> [options]

Looks for the API definitions a server publishes where common frameworks put them (FastAPI,
Spring, ASP.NET, NestJS, Express, Django, Flask, Rails, Laravel, Go swag) and at /graphql.

Options:
  --timeout <ms>          budget of each probe in milliseconds (default ${DEFAULT_TIMEOUT_MS})
  --header "Name: value"  header sent with every probe (repeatable; values are never printed)
  --json                  print the findings as JSON
  -h, --help              show this help

Exit codes: 0 something was found, 1 nothing was found, 2 error.

Example:
  api-live-sync discover http://127.0.0.1:8000
`

/** `api-live-sync discover`: where does this server publish its definition? */
export const discoverCommand: Command = {
  name: 'discover',
  summary: 'find the definitions a server publishes at well-known locations',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('discover', args, {
      timeout: { type: 'string' },
      header: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    })
    if (values.help === true) {
      io.stdout.write(DISCOVER_HELP)
      return 0
    }
    if (positionals.length !== 1) throw new UsageError(`discover needs exactly one base URL (see 'api-live-sync discover --help')`)
    const baseUrl = positionals[0]!
    if (!/^https?:\/\//i.test(baseUrl)) throw new UsageError(`discover needs an http or https URL (got '${redactUrl(baseUrl)}')`)
    const headers = parseHeaderOptions(values.header)
    const found = await discoverSpec(baseUrl, {
      timeoutMs: parseTimeout(values.timeout),
      ...(headers === undefined ? {} : { headers }),
      ...(io.fetch === undefined ? {} : { fetch: io.fetch }),
    })
    if (values.json === true) {
      const safe = found.map((spec) => ({ ...spec, url: redactUrl(spec.url), alsoAt: spec.alsoAt.map(redactUrl) }))
      io.stdout.write(`${JSON.stringify(safe, null, 2)}\n`)
    } else {
      io.stdout.write(`${describeFindings(redactUrl(baseUrl), found, createPalette(colorEnabled(io.stdout, io.env))).join('\n')}\n`)
    }
    return found.length > 0 ? 0 : 1
  },
}

function describeFindings(baseLabel: string, found: DiscoveredSpec[], palette: Palette): string[] {
  if (found.length === 0) return [`No API definition found at ${baseLabel} (tried ${SPEC_PROBES.length} locations).`]
  const lines = [`Found ${found.length === 1 ? '1 API definition' : `${found.length} API definitions`} at ${baseLabel}:`]
  for (const spec of found) {
    const kind = spec.version === undefined ? spec.type : `${spec.type} ${spec.version}`
    const details = [
      spec.title === undefined ? undefined : `"${spec.title}"`,
      spec.operationCount === undefined ? undefined : `${spec.operationCount} operation${spec.operationCount === 1 ? '' : 's'}`,
      spec.framework,
    ].filter((detail) => detail !== undefined)
    lines.push(`  ${palette.bold(redactUrl(spec.url))}`)
    lines.push(`    ${[kind, ...details].join(', ')} ${palette.dim(`(confidence ${spec.confidence})`)}`)
    for (const other of spec.alsoAt) lines.push(`    ${palette.dim(`also at ${redactUrl(other)}`)}`)
  }
  return lines
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS
  const timeout = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a positive whole number of milliseconds (got '${value}')`)
  return timeout
}
