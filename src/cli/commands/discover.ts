import { exploreServer, type DiscoveryReport } from '../../discovery/discover-spec.js'
import { redactUrl } from '../../shared/redact.js'
import { colorEnabled, createPalette, stripControls, type Palette } from '../color.js'
import type { Command } from '../command.js'
import { parseHeaderOptions } from '../source-location.js'
import { UsageError, parseCommandArgs } from '../usage.js'

const DEFAULT_TIMEOUT_MS = 3000

export const DISCOVER_HELP = `Usage: api-live-sync discover <baseUrl> [options]

Looks for the API definitions a server publishes: at the URL given (when it has a path), then
where common frameworks put them (FastAPI, Spring, ASP.NET, NestJS, Fastify, Express, Django,
Flask, Rails, Laravel, Go swag) and at /graphql. Says whether nothing listens, whether the server
publishes nothing there, or whether a GraphQL endpoint refuses introspection.

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
    const report = await exploreServer(baseUrl, {
      timeoutMs: parseTimeout(values.timeout),
      ...(headers === undefined ? {} : { headers }),
      ...(io.fetch === undefined ? {} : { fetch: io.fetch }),
      ...(io.clock === undefined ? {} : { clock: io.clock }),
    })
    const found = report.specs
    if (values.json === true) {
      const safe = found.map((spec) => ({ ...spec, url: redactUrl(spec.url), alsoAt: spec.alsoAt.map(redactUrl) }))
      io.stdout.write(`${JSON.stringify(safe, null, 2)}\n`)
    } else {
      io.stdout.write(`${describeFindings(redactUrl(baseUrl), report, createPalette(colorEnabled(io.stdout, io.env))).join('\n')}\n`)
    }
    return found.length > 0 ? 0 : 1
  },
}

function describeFindings(baseLabel: string, report: DiscoveryReport, palette: Palette): string[] {
  const { specs: found, tried } = report
  const refusals = report.refused.map(
    (refused) =>
      `${redactUrl(refused.url)} is a GraphQL endpoint that ${refused.introspectionDisabled ? 'has introspection disabled' : 'refused the introspection query'} (HTTP ${refused.status}: "${oneLineText(refused.message)}")` +
      (refused.introspectionDisabled ? ': enable introspection in development, or watch the schema file (SDL).' : ': check the headers it needs (--header).'),
  )
  if (found.length === 0) {
    if (!report.reachable) return [`Nothing answers at ${baseLabel} (tried ${tried} locations): is the server running, on this host and port?`]
    if (refusals.length > 0) return refusals
    return [`No API definition found at ${baseLabel} (tried ${tried} locations): the server answers, but serves no definition at any of them. Pass the definition's URL to 'api-live-sync watch' (see docs/dev-servers.md).`]
  }
  const lines = [`Found ${found.length === 1 ? '1 API definition' : `${found.length} API definitions`} at ${baseLabel}:`]
  for (const spec of found) {
    const kind = spec.version === undefined ? spec.type : `${spec.type} ${spec.version}`
    const details = [
      spec.title === undefined ? undefined : `"${oneLineText(spec.title)}"`,
      spec.operationCount === undefined ? undefined : `${spec.operationCount} operation${spec.operationCount === 1 ? '' : 's'}`,
      spec.framework,
    ].filter((detail) => detail !== undefined)
    lines.push(`  ${palette.bold(redactUrl(spec.url))}`)
    lines.push(`    ${[stripControls(kind), ...details].join(', ')} ${palette.dim(`(confidence ${spec.confidence})`)}`)
    for (const other of spec.alsoAt) lines.push(`    ${palette.dim(`also at ${redactUrl(other)}`)}`)
  }
  return [...lines, ...refusals]
}

function oneLineText(text: string): string {
  return stripControls(text).replace(/\s+/g, ' ').trim()
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS
  const timeout = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a positive whole number of milliseconds (got '${value}')`)
  return timeout
}
