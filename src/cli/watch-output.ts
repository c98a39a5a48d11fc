import type { ChangeSet } from '../model/change.js'
import { vanishedAtOnce } from '../diff/vanished.js'
import type { LiveSyncError } from '../errors/errors.js'
import { SyncEvents } from '../events/events.js'
import { textReportLines } from '../report/text.js'
import type { ApiSnapshot } from '../model/snapshot.js'
import type { LiveSyncService } from '../service/LiveSyncService.js'
import type { CliIo } from './cli-io.js'
import { colorEnabled, createPalette, rawOutput, stripControls, stripControlsDeep, type Palette } from './color.js'
import { jsonLine } from './json-lines.js'
import { ProgressLine } from './progress-line.js'
import { oneLine } from './usage.js'

/**
 * Events `--json` prints, kept lean: one line per sync (`sync:completed` or `sync:failed`), the
 * change set once (`changes:detected`, not repeated in `sync:completed`), a line per retry. No
 * `sync:started`, status or progress events; a sync cancelled by the user's stop is not a failure.
 */
export const JSON_EVENTS = [SyncEvents.SOURCE_ADDED, SyncEvents.SYNC_RETRY, SyncEvents.SYNC_COMPLETED, SyncEvents.SYNC_FAILED, SyncEvents.CHANGES_DETECTED] as const

/** `--json`: one JSON object per event and line on stdout, `{ event, sourceId, ...payload }`. */
export function attachJsonOutput(service: LiveSyncService, io: CliIo): void {
  for (const event of JSON_EVENTS) {
    service.on(event, (payload: object) => {
      if (event === SyncEvents.SYNC_FAILED && (payload as { status?: string }).status === 'cancelled') return
      const lean = event === SyncEvents.SYNC_COMPLETED ? withoutChanges(payload) : payload
      io.stdout.write(jsonLine(event, lean))
    })
  }
}

function withoutChanges(payload: object): object {
  const { changes: _changes, ...rest } = payload as { changes?: unknown }
  return rest
}

/** What the human output needs to know beyond the events. */
export interface HumanOutputOptions {
  /** Sources whose baseline came from saved state (`--out` after a restart): their first sync reports the changes since the last run. */
  readonly restored?: ReadonlySet<string> | undefined
}

/**
 * Output for people: the first sync of each source as one "in sync" line (with the changes since the
 * last run when its baseline was saved), every later change set as a report (breaking first, and a
 * hint when most operations vanished at once), a "retrying" line as soon as a first attempt fails,
 * each new failure as one line on stderr (a failure repeating itself is not printed again), a line
 * when a failing source recovers, and a progress line on a terminal while a large document loads.
 */
export function attachHumanOutput(service: LiveSyncService, io: CliIo, options: HumanOutputOptions = {}): void {
  const out = createPalette(colorEnabled(io.stdout, io.env))
  const err = createPalette(colorEnabled(io.stderr, io.env))
  const progress = new ProgressLine(rawOutput(io.stderr), err)
  const synced = new Set<string>()
  /** Sources whose last sync failed, with the failure last printed. */
  const failing = new Map<string, string>()
  const print = (stream: CliIo['stdout'], lines: string[]) => {
    progress.clear()
    stream.write(`${lines.join('\n')}\n`)
  }

  service.on(SyncEvents.SYNC_PROGRESS, ({ sourceId, loadedBytes, totalBytes }) => progress.update(stripControls(sourceId), loadedBytes, totalBytes))
  service.on(SyncEvents.SYNC_RETRY, ({ sourceId, error, delayMs }) => {
    if (failing.has(sourceId)) return // already reported as failing: its retries are no news
    const at = new Date()
    print(io.stderr, [`${linePrefix(at, sourceId, err)}  ${err.yellow('retrying')} in ${seconds(delayMs)}: ${describeError(error)}`])
  })
  service.on(SyncEvents.SYNC_COMPLETED, (result) => {
    const prefix = linePrefix(result.finishedAt, result.sourceId, out)
    const recovered = failing.delete(result.sourceId)
    const snapshot = service.getSnapshot(result.sourceId)
    if (!synced.has(result.sourceId)) {
      synced.add(result.sourceId)
      const sinceLastRun = options.restored?.has(result.sourceId) === true
      const changed = sinceLastRun && result.changesDetected && result.changes !== undefined && result.changes.changes.length > 0
      const note = sinceLastRun && !changed ? ', no changes since the last run' : ''
      print(io.stdout, [`${prefix}  ${out.green('in sync')}: ${describeSnapshot(snapshot)}${note}`])
      if (changed) print(io.stdout, changeReport(`${prefix}  changed since the last run`, result.changes!, snapshot, out))
    } else if (result.changesDetected && result.changes !== undefined) {
      print(io.stdout, changeReport(`${prefix}  changed`, result.changes, snapshot, out))
    } else if (recovered) {
      print(io.stdout, [`${prefix}  ${out.green('reachable again')}, no changes`])
    } else {
      progress.clear()
    }
  })
  service.on(SyncEvents.SYNC_FAILED, (result) => {
    if (result.status === 'cancelled') return // the user stopped, or the source was removed: not a failure
    const reason = result.error === undefined ? 'unknown error' : describeError(result.error)
    if (failing.get(result.sourceId) === reason) return
    failing.set(result.sourceId, reason)
    print(io.stderr, [`${linePrefix(result.finishedAt, result.sourceId, err)}  ${err.red('sync failed')}: ${reason}`])
  })
}

function describeError(error: LiveSyncError): string {
  return `${error.code}: ${oneLine(stripControls(error.message))}`
}

/** The same grouped report as `diff` prints (one line per cause), plus a hint when most operations vanished at once. */
function changeReport(heading: string, changes: ChangeSet, snapshot: ApiSnapshot | undefined, palette: Palette): string[] {
  const [summary = '', ...body] = textReportLines(stripControlsDeep(changes), { styles: palette })
  const lines = [`${heading}: ${summary}`, ...body.map((line) => `  ${line}`)]
  const vanished = snapshot === undefined ? undefined : vanishedAtOnce(changes, snapshot.operations.length)
  if (vanished !== undefined) {
    lines.push(
      `  ${palette.yellow('hint')}: ${vanished.removed} of ${vanished.before} operations vanished at once: is the server's spec generation broken (an error in its doc comments or decorators)?`,
    )
  }
  return lines
}

function linePrefix(at: Date, sourceId: string, palette: Palette): string {
  return `${palette.dim(timeOfDay(at))}  ${palette.bold(stripControls(sourceId))}`
}

/** `openapi 3.0.3, "Pets" 1.0.0, 4 operations`. */
export function describeSnapshot(snapshot: ApiSnapshot | undefined): string {
  if (snapshot === undefined) return 'no snapshot'
  const kind = snapshot.specVersion === snapshot.type ? snapshot.type : `${snapshot.type} ${snapshot.specVersion}`
  const title = snapshot.title === '' ? '' : `, "${oneLine(stripControls(snapshot.title))}"${snapshot.version === '' ? '' : ` ${oneLine(stripControls(snapshot.version))}`}`
  const count = snapshot.operations.length
  return `${stripControls(kind)}${title}, ${count} operation${count === 1 ? '' : 's'}`
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`
}

function timeOfDay(at: Date): string {
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':')
}
