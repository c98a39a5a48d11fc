import { parseSourceConfig, type LiveSourceConfig } from '../../config/config.js'
import { applySeverityOverrides, type SeverityOverrides } from '../../diff/severity-overrides.js'
import { atLeast } from '../../diff/severity.js'
import type { ChangeSet } from '../../model/change.js'
import { defaultFormats } from '../../formats/default-formats.js'
import { FormatRegistry } from '../../formats/format-registry.js'
import { snapshotOf } from '../../formats/snapshot-of.js'
import type { SourceType } from '../../model/identity.js'
import type { CliIo } from '../cli-io.js'
import { CliLoader, type LoadedDocument } from '../cli-loader.js'
import { stripControlsDeep } from '../color.js'
import type { Command } from '../command.js'
import { probeSource } from '../probe-source.js'
import { parseReportChoice, renderCliReport } from '../report.js'
import { parseSeverityOptions, SEVERITY_ARG_OPTIONS, SEVERITY_HELP } from '../severity-options.js'
import { parseHeaderOptions, parseSourceLocation, parseTypeOption, type SourceLocation } from '../source-location.js'
import { CommandError, UsageError, parseCommandArgs } from '../usage.js'

/** Budget of each load. */
const LOAD_TIMEOUT_MS = 30_000

export const DIFF_HELP = `Usage: api-live-sync diff <old> <new> [options]

Compares two versions of an API definition (files or URLs) once and prints what changed,
breaking changes first: each change once, with the operations it reaches.

Options:
  --fail-on <level>       exit 1 when a change of this severity or worse is found:
                          breaking (default) or warning
  --type <type>           openapi, graphql or postman (default: detected from the content)
  --header "Name: value"  header sent with HTTP requests (repeatable; values are never printed)
  --format <format>       text (default), json, markdown (a pull-request comment),
                          github (workflow annotations) or html (one self-contained page)
  --by-operation          text report per operation instead of per cause
  --json                  same as --format json
${SEVERITY_HELP}  -h, --help              show this help

Exit codes: 0 no change at or above --fail-on, 1 such a change was found, 2 error.

Examples:
  api-live-sync diff openapi.v1.yaml http://127.0.0.1:8000/openapi.json --fail-on warning
  api-live-sync diff main/openapi.yaml openapi.yaml --format markdown > comment.md
`

/** `api-live-sync diff`: one comparison, with an exit code for CI. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'compare two versions of a definition once (exit 1 on breaking changes)',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('diff', args, {
      'fail-on': { type: 'string' },
      type: { type: 'string' },
      header: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      format: { type: 'string' },
      'by-operation': { type: 'boolean' },
      ...SEVERITY_ARG_OPTIONS,
    })
    if (values.help === true) {
      io.stdout.write(DIFF_HELP)
      return 0
    }
    if (positionals.length !== 2) throw new UsageError(`diff needs exactly two definitions, old and new (got ${positionals.length}; see 'api-live-sync diff --help')`)
    const failOn = parseFailOn(values['fail-on'])
    const type = parseTypeOption(values.type)
    const headers = parseHeaderOptions(values.header)
    const report = parseReportChoice(values)
    const severityOverrides = await parseSeverityOptions(values, io.cwd)
    const [oldLocation, newLocation] = positionals.map((argument) => parseSourceLocation(argument, io.cwd)) as [SourceLocation, SourceLocation]

    const changes = await compare(oldLocation, newLocation, { type, headers, severityOverrides }, io)
    io.stdout.write(renderCliReport(stripControlsDeep(changes), report, io, newLocation))
    return changes.changes.some((change) => atLeast(change.severity, failOn)) ? 1 : 0
  },
}

interface CompareSettings {
  type: SourceType | undefined
  headers: Record<string, string> | undefined
  severityOverrides: SeverityOverrides | undefined
}

async function compare(oldLocation: SourceLocation, newLocation: SourceLocation, settings: CompareSettings, io: CliIo): Promise<ChangeSet> {
  const loader = new CliLoader(io.fetch, io.importGraphql, io.clock)
  const [before, after] = await Promise.all([load(oldLocation, settings, loader), load(newLocation, settings, loader)])
  const type = settings.type ?? before.detected ?? after.detected
  if (type === undefined) {
    throw new CommandError(`cannot tell what kind of API definition ${oldLocation.label} is (not OpenAPI, GraphQL or Postman); pass --type`)
  }
  if (settings.type === undefined && before.detected !== undefined && after.detected !== undefined && before.detected !== after.detected) {
    throw new CommandError(`${oldLocation.label} is ${before.detected} but ${newLocation.label} is ${after.detected}: they cannot be compared`)
  }
  const format = new FormatRegistry([...defaultFormats(), loader.graphqlFormat()]).get(type)
  const [beforeSnapshot, afterSnapshot] = await Promise.all([
    snapshotOf(format, before.document.content, { sourceId: before.config.id, contentType: before.document.contentType, ...parsedOf(before.document) }),
    snapshotOf(format, after.document.content, { sourceId: after.config.id, contentType: after.document.contentType, ...parsedOf(after.document) }),
  ])
  return applySeverityOverrides(format.diff(beforeSnapshot, afterSnapshot), settings.severityOverrides ?? {})
}

interface LoadedSource {
  config: LiveSourceConfig
  document: LoadedDocument
  detected: SourceType | undefined
}

async function load(location: SourceLocation, settings: CompareSettings, loader: CliLoader): Promise<LoadedSource> {
  // The type only matters to the loader for GraphQL endpoints; probeSource finds those itself.
  const base = { id: location.label, name: location.label, type: settings.type ?? 'openapi', refreshInterval: 0 }
  const config = parseSourceConfig(
    location.kind === 'file'
      ? { ...base, filePath: location.filePath }
      : { ...base, url: location.url, ...(settings.headers === undefined ? {} : { headers: settings.headers }) },
  )
  const probed = await probeSource(config, loader, LOAD_TIMEOUT_MS)
  if (probed.loaded === undefined) throw probed.error ?? new CommandError(`cannot load ${location.label}`)
  return { config, document: probed.loaded, detected: probed.detected }
}

/** The document's value when the type probe parsed it already: the format then does not parse it again. */
function parsedOf(document: LoadedDocument): { parsed?: unknown } {
  return document.parsed === undefined ? {} : { parsed: document.parsed }
}

function parseFailOn(value: string | undefined): 'breaking' | 'warning' {
  if (value === undefined) return 'breaking'
  if (value === 'breaking' || value === 'warning') return value
  throw new UsageError(`--fail-on must be breaking or warning (got '${value}')`)
}
