import { mkdir } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { LiveSourceConfigInput } from '../../config/config.js'
import { MIN_REFRESH_INTERVAL_MS, parseSourceConfig } from '../../config/config.js'
import type { SeverityOverrides } from '../../diff/severity-overrides.js'
import { SyncEvents } from '../../events/events.js'
import type { SourceType } from '../../model/identity.js'
import { createFileWatcher } from '../../node/file-watcher.js'
import { fileStore } from '../../node/file-store.js'
import { postmanFileTarget } from '../../node/postman-file-target.js'
import { LiveSyncService } from '../../service/LiveSyncService.js'
import type { CliIo } from '../cli-io.js'
import { CliLoader } from '../cli-loader.js'
import { describeConflicts, visiblyMarkRemoved } from '../collection-file.js'
import type { Command } from '../command.js'
import { probeSource } from '../probe-source.js'
import { fullLocation, guessTypeFromName, isBareOrigin, parseHeaderOptions, parseSourceLocation, parseTypeOption, type SourceLocation } from '../source-location.js'
import { parseSeverityOptions, SEVERITY_ARG_OPTIONS, SEVERITY_HELP } from '../severity-options.js'
import { waitForStop } from '../stop-signal.js'
import { CommandError, UsageError, oneLine, parseCommandArgs } from '../usage.js'
import { scopedStore } from '../watch-state.js'
import { attachHumanOutput, attachJsonOutput } from '../watch-output.js'
import { attachReview, reviewModeOf } from '../review-plan.js'

const DEFAULT_INTERVAL_MS = 5000
/** A dev server that does not answer within a few seconds is down, not slow. */
const DEFAULT_TIMEOUT_MS = 5000
/** One quick second attempt rides out a server restarting; more only delays the first line. */
const DEFAULT_RETRIES = 1

export const WATCH_HELP = `Usage: api-live-sync watch <url-or-file>... [options]

Watches API definitions (OpenAPI, GraphQL, Postman) and prints every change as it happens,
breaking changes first. URLs are polled; files are also watched for saves. Ctrl-C stops.

Options:
  --interval <ms>         poll interval in milliseconds, at least ${MIN_REFRESH_INTERVAL_MS} (default ${DEFAULT_INTERVAL_MS})
  --timeout <ms>          budget of one request in milliseconds (default ${DEFAULT_TIMEOUT_MS})
  --retries <n>           attempts after a failed one within a poll (default ${DEFAULT_RETRIES})
  --max-backoff <ms>      longest wait between polls while a source is down (default: the
                          interval, so a server that comes back shows within one interval)
  --header "Name: value"  header sent with every HTTP request (repeatable; values are never printed)
  --type <type>           openapi, graphql or postman (default: detected per source)
  --out <file>            keep a Postman collection v2.1 file in sync with the (single) source;
                          edits you make in that file survive later syncs
  --on-removed <how>      requests of operations that left the spec: mark (default: keep them,
                          named "[removed] ..."), delete (unless you edited them) or keep
  --review                with --out: show each change to the collection and ask before writing it
                          (accept, skip, accept all, quit); skipped changes are offered again when
                          the spec changes. With --json the plan is printed as a review:required
                          line; without a terminal nothing is written unreviewed
  --state-dir <dir>       where --out keeps its merge base between runs
                          (default: .api-live-sync/ beside the --out file)
  --json                  print newline-delimited JSON events instead of reports, one object
                          { "event", "sourceId", ...payload } per line: source:added, sync:retry,
                          sync:completed (one per sync, without the change set), changes:detected
                          (the change set, once) and sync:failed
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
      timeout: { type: 'string' },
      retries: { type: 'string' },
      'max-backoff': { type: 'string' },
      header: { type: 'string', multiple: true },
      type: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      'on-removed': { type: 'string' },
      'state-dir': { type: 'string' },
      ...SEVERITY_ARG_OPTIONS,
      review: { type: 'boolean' },
    })
    if (values.help === true) {
      io.stdout.write(WATCH_HELP)
      return 0
    }
    if (positionals.length === 0) throw new UsageError("watch needs at least one URL or file (see 'api-live-sync watch --help')")
    if (values.out !== undefined && positionals.length !== 1) throw new UsageError('--out keeps one collection in sync with one source: give exactly one URL or file')
    if (values['state-dir'] !== undefined && values.out === undefined) throw new UsageError('--state-dir goes with --out')
    if (values['on-removed'] !== undefined && values.out === undefined) throw new UsageError('--on-removed goes with --out')
    if (values.review === true && values.out === undefined) throw new UsageError('--review goes with --out')
    const out = values.out === undefined ? undefined : resolve(io.cwd, values.out)
    const interval = parseWholeNumber('--interval', values.interval, DEFAULT_INTERVAL_MS, MIN_REFRESH_INTERVAL_MS)
    const settings: WatchSettings = {
      interval,
      timeout: parseWholeNumber('--timeout', values.timeout, DEFAULT_TIMEOUT_MS, 1),
      retries: parseWholeNumber('--retries', values.retries, DEFAULT_RETRIES, 0),
      maxBackoff: parseWholeNumber('--max-backoff', values['max-backoff'], interval, 1),
      headers: parseHeaderOptions(values.header),
      type: parseTypeOption(values.type),
      out,
      onRemoved: parseOnRemoved(values['on-removed']),
      review: values.review === true,
      stateDir: out === undefined ? undefined : resolve(io.cwd, values['state-dir'] ?? join(dirname(out), '.api-live-sync')),
      severityOverrides: await parseSeverityOptions(values, io.cwd),
    }
    const locations = parseLocations(positionals, io.cwd)
    return watch(locations, settings, values.json === true, io)
  },
}

interface WatchSettings {
  interval: number
  /** Budget of one load attempt, and of the first look at each source. */
  timeout: number
  retries: number
  /** Longest wait between polls of a failing source. */
  maxBackoff: number
  headers: Record<string, string> | undefined
  type: SourceType | undefined
  /** Absolute path of the Postman collection kept in sync, with `--out`. */
  out: string | undefined
  onRemoved: 'mark' | 'delete' | 'keep'
  /** `--review`: ask before writing each change to the `--out` collection. */
  review: boolean
  /** Where the merge base of `--out` is kept between runs. */
  stateDir: string | undefined
  /** `--severity` / `--severity-config`. */
  severityOverrides: SeverityOverrides | undefined
}

/** A source to watch: where it is, and the id (a printable label) the service knows it by. */
interface WatchedLocation {
  location: SourceLocation
  id: string
}

async function watch(locations: WatchedLocation[], settings: WatchSettings, json: boolean, io: CliIo): Promise<number> {
  const loader = new CliLoader(io.fetch, io.importGraphql, io.clock)
  const stop = waitForStop(io)
  // Ends the first looks at the sources when the user stops during them, so exiting never waits on a slow server.
  const detection = new AbortController()
  // Ends a review's questions when the user stops: nothing is written after that.
  const reviewing = new AbortController()
  const first = locations[0]!
  const service = new LiveSyncService({
    loader,
    clock: loader.clock,
    watcher: createFileWatcher(),
    formats: [loader.graphqlFormat()],
    timeout: settings.timeout,
    // Retries within a poll wait at most one interval: the next poll is as good as a later retry.
    retry: { retries: settings.retries, minTimeout: Math.min(1000, settings.interval), maxTimeout: settings.interval },
    maxPollBackoff: settings.maxBackoff,
    ...(settings.stateDir === undefined || settings.out === undefined
      ? {}
      : { store: scopedStore(fileStore(settings.stateDir), fullLocation(first.location), settings.out) }),
    ...(settings.severityOverrides === undefined ? {} : { severityOverrides: settings.severityOverrides }),
    onListenerError: (error) => io.stderr.write(`api-live-sync: internal error in an event listener: ${oneLine(String(error))}\n`),
  })
  try {
    const resolving = Promise.all(locations.map((watched) => resolveSource(watched, settings, loader, io, detection.signal)))
    const configs = await Promise.race([resolving, stop.stopped.then(() => undefined)])
    if (configs === undefined) return 0
    const restored = new Set<string>()
    if (json) attachJsonOutput(service, io)
    else attachHumanOutput(service, io, { restored })
    for (const config of configs) {
      await service.addSource(config)
      if (service.getSnapshot(config.id) !== undefined) restored.add(config.id)
    }
    if (settings.out !== undefined) {
      await mkdir(dirname(settings.out), { recursive: true })
      const target = postmanFileTarget(settings.out)
      const defaultBaseUrl = defaultBaseUrlOf(first.location, configs[0]!.type)
      service.attachTarget(configs[0]!.id, settings.onRemoved === 'mark' ? visiblyMarkRemoved(target) : target, {
        onRemoved: settings.onRemoved,
        ...(defaultBaseUrl === undefined ? {} : { generate: { defaultBaseUrl } }),
        ...(settings.review ? { review: true } : {}),
      })
      if (!json) reportCollectionWrites(service, settings.out, io)
      if (settings.review) attachReview(service, settings.out, reviewModeOf(io, json), io, reviewing.signal)
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
    reviewing.abort()
    stop.dispose()
    await service.dispose()
  }
}

/**
 * Builds a source's config. Without `--type` (and for GraphQL URLs, to tell an endpoint from a
 * schema file) the source is loaded once to read its type from the content; that document is then
 * reused by the first sync. A source that cannot be reached yet is watched under the type its name
 * suggests, with a note; one whose server gave a final answer (introspection refused), or a GraphQL
 * source without the `graphql` package, stops the command with what to do.
 */
async function resolveSource(
  watched: WatchedLocation,
  settings: WatchSettings,
  loader: CliLoader,
  io: CliIo,
  signal: AbortSignal,
): Promise<LiveSourceConfigInput> {
  const { location } = watched
  const config = sourceConfig(watched, settings, settings.type ?? guessTypeFromName(location))
  const needsProbe = settings.type === undefined || (settings.type === 'graphql' && location.kind === 'url')
  if (!needsProbe) return requireFormat(config, loader)
  const probed = await probeSource(parseSourceConfig(config), loader, settings.timeout, signal)
  if (probed.final === true && probed.error !== undefined) throw probed.error
  if (probed.loaded !== undefined) {
    const type = settings.type ?? probed.detected
    if (type === undefined) {
      const hint = isBareOrigin(location) ? `; to find where this server publishes its definition, run: api-live-sync discover ${location.label}` : '; pass --type'
      throw new CommandError(`cannot tell what kind of API definition ${location.label} is (not OpenAPI, GraphQL or Postman)${hint}`)
    }
    loader.prime(config.id, probed.loaded)
    return requireFormat({ ...config, type }, loader)
  }
  if (settings.type === undefined) {
    const reason = probed.error === undefined ? '' : ` (${probed.error.code})`
    io.stderr.write(`note: ${location.label} cannot be loaded yet${reason}; watching it as ${config.type} (use --type to choose)\n`)
  }
  if (isBareOrigin(location)) {
    io.stderr.write(`note: ${location.label} is a server's root, not a definition; to find the definition, run: api-live-sync discover ${location.label}\n`)
  }
  return requireFormat(config, loader)
}

/** GraphQL sources need the optional `graphql` package: say so now, not at every poll. */
async function requireFormat(config: LiveSourceConfigInput, loader: CliLoader): Promise<LiveSourceConfigInput> {
  if (config.type === 'graphql') await loader.requireGraphql(config.id)
  return config
}

function sourceConfig(watched: WatchedLocation, settings: WatchSettings, type: SourceType): LiveSourceConfigInput {
  const { location, id } = watched
  const common = { id, name: id, type, refreshInterval: settings.interval }
  if (location.kind === 'file') return { ...common, filePath: location.filePath }
  return { ...common, url: location.url, ...(settings.headers === undefined ? {} : { headers: settings.headers }) }
}

/** The base URL of the `--out` collection when the spec names no server: the origin it came from (a GraphQL endpoint: its URL). */
function defaultBaseUrlOf(location: SourceLocation, type: SourceType): string | undefined {
  if (location.kind !== 'url') return undefined
  const url = new URL(location.url)
  if (type !== 'graphql') return url.origin
  return `${url.origin}${url.pathname}`
}

/** One line per write of the `--out` collection, saying what the merge did. */
function reportCollectionWrites(service: LiveSyncService, out: string, io: CliIo): void {
  service.on(SyncEvents.SYNC_COMPLETED, ({ merge }) => {
    if (!merge) return
    const count = merge.conflicts.length
    const conflicts = `${count === 1 ? '1 conflict kept your value' : `${count} conflicts kept your values`} (${describeConflicts(merge)})`
    io.stderr.write(
      `wrote ${basename(out)}: ${merge.added.length} added, ${merge.updated.length} updated, ${merge.removed.length} removed` +
        (count > 0 ? `; ${conflicts}` : '') +
        '\n',
    )
  })
}

function parseWholeNumber(option: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(number >= min) || !Number.isSafeInteger(number)) {
    const unit = option === '--retries' ? '' : ' of milliseconds'
    throw new UsageError(`${option} must be a whole number${unit}, at least ${min} (got '${value}')`)
  }
  return number
}

function parseOnRemoved(value: string | undefined): WatchSettings['onRemoved'] {
  if (value === undefined) return 'mark'
  if (value === 'mark' || value === 'delete' || value === 'keep') return value
  throw new UsageError(`--on-removed must be mark, delete or keep (got '${value}')`)
}

/**
 * Reads the arguments as locations, each known by its full location (resolved path, full URL): the
 * same place twice is a mistake, two places that print alike (URLs differing in a hidden query value)
 * get ids numbered by their position.
 */
function parseLocations(argumentsGiven: string[], cwd: string): WatchedLocation[] {
  const locations = argumentsGiven.map((argument) => parseSourceLocation(argument, cwd))
  const seen = new Set<string>()
  for (const location of locations) {
    const key = fullLocation(location)
    if (seen.has(key)) throw new UsageError(`${location.label} is given twice`)
    seen.add(key)
  }
  return locations.map((location, index) => {
    const shared = locations.filter((other) => other.label === location.label).length > 1
    return { location, id: shared ? `${location.label} (#${index + 1})` : location.label }
  })
}
