import type { LiveSourceConfigInput } from '../../config/config.js'
import { MIN_REFRESH_INTERVAL_MS, parseSourceConfig } from '../../config/config.js'
import type { SeverityOverrides } from '../../diff/severity-overrides.js'
import type { SourceType } from '../../formats/types.js'
import { basename, dirname, join, resolve } from 'node:path'
import { SyncEvents } from '../../events/events.js'
import { createFileWatcher } from '../../node/file-watcher.js'
import { fileStore } from '../../node/file-store.js'
import { postmanFileTarget } from '../../node/postman-file-target.js'
import { LiveSyncService } from '../../service/LiveSyncService.js'
import type { CliIo } from '../cli-io.js'
import { CliLoader } from '../cli-loader.js'
import type { Command } from '../command.js'
import { probeSource } from '../probe-source.js'
import { guessTypeFromName, parseHeaderOptions, parseSourceLocation, parseTypeOption, type SourceLocation } from '../source-location.js'
import { parseSeverityOptions, SEVERITY_ARG_OPTIONS, SEVERITY_HELP } from '../severity-options.js'
import { waitForStop } from '../stop-signal.js'
import { CommandError, UsageError, oneLine, parseCommandArgs } from '../usage.js'
import { attachHumanOutput, attachJsonOutput } from '../watch-output.js'

const DEFAULT_INTERVAL_MS = 5000
/** Budget of the first look at each source, to tell its type. */
const DETECT_TIMEOUT_MS = 10_000

export const WATCH_HELP = `Usage: api-live-sync watch <url-or-file>... [options]

Watches API definitions (OpenAPI, GraphQL, Postman) and prints every change as it happens,
breaking changes first. URLs are polled; files are also watched for saves. Ctrl-C stops.

Options:
  --interval <ms>         poll interval in milliseconds, at least ${MIN_REFRESH_INTERVAL_MS} (default ${DEFAULT_INTERVAL_MS})
  --header "Name: value"  header sent with every HTTP request (repeatable; values are never printed)
  --type <type>           openapi, graphql or postman (default: detected per source)
  --out <file>            keep a Postman collection v2.1 file in sync with the (single) source;
                          edits you make in that file survive later syncs
  --state-dir <dir>       where --out keeps its merge base between runs
                          (default: .api-live-sync/ beside the --out file)
  --json                  print newline-delimited JSON events instead of reports:
                          { "event", "sourceId", ...payload } for source:added, sync:started,
                          sync:retry, sync:completed, sync:failed and changes:detected
${SEVERITY_HELP}  -h, --help              show this help

Examples:
  api-live-sync watch http://127.0.0.1:8000/openapi.json
  api-live-sync watch ./openapi.yaml http://localhost:4000/graphql --interval 2000
  api-live-sync watch http://127.0.0.1:8000/openapi.json --out petstore.postman.json
`

/** `api-live-sync watch`: a LiveSyncService over the given sources until Ctrl-C. */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'watch URLs and files, print every change as it happens',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('watch', args, {
      interval: { type: 'string' },
      header: { type: 'string', multiple: true },
      type: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      'state-dir': { type: 'string' },
      ...SEVERITY_ARG_OPTIONS,
    })
    if (values.help === true) {
      io.stdout.write(WATCH_HELP)
      return 0
    }
    if (positionals.length === 0) throw new UsageError("watch needs at least one URL or file (see 'api-live-sync watch --help')")
    if (values.out !== undefined && positionals.length !== 1) throw new UsageError('--out keeps one collection in sync with one source: give exactly one URL or file')
    if (values['state-dir'] !== undefined && values.out === undefined) throw new UsageError('--state-dir goes with --out')
    const out = values.out === undefined ? undefined : resolve(io.cwd, values.out)
    const settings: WatchSettings = {
      interval: parseInterval(values.interval),
      headers: parseHeaderOptions(values.header),
      type: parseTypeOption(values.type),
      out,
      stateDir: out === undefined ? undefined : resolve(io.cwd, values['state-dir'] ?? join(dirname(out), '.api-live-sync')),
      severityOverrides: await parseSeverityOptions(values, io.cwd),
    }
    const locations = uniqueLocations(positionals.map((argument) => parseSourceLocation(argument, io.cwd)))
    return watch(locations, settings, values.json === true, io)
  },
}

interface WatchSettings {
  interval: number
  headers: Record<string, string> | undefined
  type: SourceType | undefined
  /** Absolute path of the Postman collection kept in sync, with `--out`. */
  out: string | undefined
  /** Where the merge base of `--out` is kept between runs. */
  stateDir: string | undefined
  /** `--severity` / `--severity-config`. */
  severityOverrides: SeverityOverrides | undefined
}

async function watch(locations: SourceLocation[], settings: WatchSettings, json: boolean, io: CliIo): Promise<number> {
  const loader = new CliLoader(io.fetch)
  const stop = waitForStop(io)
  // Ends the first looks at the sources when the user stops during them, so exiting never waits on a slow server.
  const detection = new AbortController()
  const service = new LiveSyncService({
    loader,
    watcher: createFileWatcher(),
    ...(settings.stateDir === undefined ? {} : { store: fileStore(settings.stateDir) }),
    ...(settings.severityOverrides === undefined ? {} : { severityOverrides: settings.severityOverrides }),
    onListenerError: (error) => io.stderr.write(`api-live-sync: internal error in an event listener: ${oneLine(String(error))}\n`),
  })
  try {
    if (json) attachJsonOutput(service, io)
    else attachHumanOutput(service, io)
    const resolving = Promise.all(locations.map((location) => resolveSource(location, settings, loader, io, detection.signal)))
    const configs = await Promise.race([resolving, stop.stopped.then(() => undefined)])
    if (configs === undefined) return 0
    for (const config of configs) await service.addSource(config)
    if (settings.out !== undefined) {
      service.attachTarget(configs[0]!.id, postmanFileTarget(settings.out))
      if (!json) reportCollectionWrites(service, settings.out, io)
    }
    if (!json) {
      const count = configs.length === 1 ? '1 source' : `${configs.length} sources`
      io.stderr.write(`Watching ${count} (polling every ${settings.interval / 1000}s). Press Ctrl-C to stop.\n`)
    }
    service.start()
    await stop.stopped
    return 0
  } finally {
    detection.abort()
    stop.dispose()
    await service.dispose()
  }
}

/**
 * Builds a source's config. Without `--type` (and for GraphQL URLs, to tell an endpoint from a
 * schema file) the source is loaded once to read its type from the content; that document is then
 * reused by the first sync. A source that cannot be reached yet is watched under the type its name
 * suggests, with a note.
 */
async function resolveSource(
  location: SourceLocation,
  settings: WatchSettings,
  loader: CliLoader,
  io: CliIo,
  signal: AbortSignal,
): Promise<LiveSourceConfigInput> {
  const config = sourceConfig(location, settings, settings.type ?? guessTypeFromName(location))
  const needsProbe = settings.type === undefined || (settings.type === 'graphql' && location.kind === 'url')
  if (!needsProbe) return config
  const probed = await probeSource(parseSourceConfig(config), loader, DETECT_TIMEOUT_MS, signal)
  if (probed.loaded !== undefined) {
    const type = settings.type ?? probed.detected
    if (type === undefined) {
      throw new CommandError(`cannot tell what kind of API definition ${location.label} is (not OpenAPI, GraphQL or Postman); pass --type`)
    }
    loader.prime(config.id, probed.loaded)
    return { ...config, type }
  }
  if (settings.type === undefined) {
    const reason = probed.error === undefined ? '' : ` (${probed.error.code})`
    io.stderr.write(`note: ${location.label} cannot be loaded yet${reason}; watching it as ${config.type} (use --type to choose)\n`)
  }
  return config
}

function sourceConfig(location: SourceLocation, settings: WatchSettings, type: SourceType): LiveSourceConfigInput {
  const common = { id: location.label, name: location.label, type, refreshInterval: settings.interval }
  if (location.kind === 'file') return { ...common, filePath: location.filePath }
  return { ...common, url: location.url, ...(settings.headers === undefined ? {} : { headers: settings.headers }) }
}

/** One line per write of the `--out` collection, saying what the merge did. */
function reportCollectionWrites(service: LiveSyncService, out: string, io: CliIo): void {
  service.on(SyncEvents.SYNC_COMPLETED, ({ merge }) => {
    if (!merge) return
    const conflicts = merge.conflicts.length === 1 ? '1 conflict kept your value' : `${merge.conflicts.length} conflicts kept your values`
    io.stderr.write(
      `wrote ${basename(out)}: ${merge.added.length} added, ${merge.updated.length} updated, ${merge.removed.length} removed` +
        (merge.conflicts.length > 0 ? `; ${conflicts}` : '') +
        '\n',
    )
  })
}

function parseInterval(value: string | undefined): number {
  if (value === undefined) return DEFAULT_INTERVAL_MS
  const interval = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(interval >= MIN_REFRESH_INTERVAL_MS)) {
    throw new UsageError(`--interval must be a whole number of milliseconds, at least ${MIN_REFRESH_INTERVAL_MS} (got '${value}')`)
  }
  return interval
}

function uniqueLocations(locations: SourceLocation[]): SourceLocation[] {
  const seen = new Set<string>()
  for (const location of locations) {
    const key = location.kind === 'file' ? location.filePath : location.url
    if (seen.has(key)) throw new UsageError(`${location.label} is given twice`)
    seen.add(key)
  }
  return locations
}
