import type { ChangeSet } from '../diff/types.js'
import { SyncEvents } from '../events/events.js'
import { textReportLines } from '../report/text.js'
import type { ApiSnapshot } from '../formats/types.js'
import type { LiveSyncService } from '../service/LiveSyncService.js'
import type { CliIo } from './cli-io.js'
import { colorEnabled, createPalette, type Palette } from './color.js'
import { jsonLine } from './json-lines.js'
import { ProgressLine } from './progress-line.js'
import { oneLine } from './usage.js'

/** Events `--json` prints: everything a program needs, without the chatty status and progress events. */
const JSON_EVENTS = [
  SyncEvents.SOURCE_ADDED,
  SyncEvents.SYNC_STARTED,
  SyncEvents.SYNC_RETRY,
  SyncEvents.SYNC_COMPLETED,
  SyncEvents.SYNC_FAILED,
  SyncEvents.CHANGES_DETECTED,
] as const

/** `--json`: one JSON object per event and line on stdout, `{ event, sourceId, ...payload }`. */
export function attachJsonOutput(service: LiveSyncService, io: CliIo): void {
  for (const event of JSON_EVENTS) {
    service.on(event, (payload: object) => io.stdout.write(jsonLine(event, payload)))
  }
}

/**
 * Output for people: the first sync of each source as one "in sync" line, every later change set as
 * a report (breaking first), each failed sync as one line on stderr, a line when a failing source
 * recovers, and a progress line on a terminal while a large document loads.
 */
export function attachHumanOutput(service: LiveSyncService, io: CliIo): void {
  const out = createPalette(colorEnabled(io.stdout, io.env))
  const err = createPalette(colorEnabled(io.stderr, io.env))
  const progress = new ProgressLine(io.stderr, err)
  const synced = new Set<string>()
  const failing = new Set<string>()
  const print = (stream: CliIo['stdout'], lines: string[]) => {
    progress.clear()
    stream.write(`${lines.join('\n')}\n`)
  }

  service.on(SyncEvents.SYNC_PROGRESS, ({ sourceId, loadedBytes, totalBytes }) => progress.update(sourceId, loadedBytes, totalBytes))
  service.on(SyncEvents.SYNC_COMPLETED, (result) => {
    const prefix = linePrefix(result.finishedAt, result.sourceId, out)
    const recovered = failing.delete(result.sourceId)
    if (!synced.has(result.sourceId)) {
      synced.add(result.sourceId)
      print(io.stdout, [`${prefix}  ${out.green('in sync')}: ${describeSnapshot(service.getSnapshot(result.sourceId))}`])
    } else if (result.changesDetected && result.changes !== undefined) {
      print(io.stdout, changeReport(prefix, result.changes, out))
    } else if (recovered) {
      print(io.stdout, [`${prefix}  ${out.green('reachable again')}, no changes`])
    } else {
      progress.clear()
    }
  })
  service.on(SyncEvents.SYNC_FAILED, (result) => {
    failing.add(result.sourceId)
    const error = result.error
    const reason = error === undefined ? 'unknown error' : `${error.code}: ${oneLine(error.message)}`
    print(io.stderr, [`${linePrefix(result.finishedAt, result.sourceId, err)}  ${err.red('sync failed')}: ${reason}`])
  })
}

/** The same grouped report as `diff` prints (one line per cause), under the sync's time and source. */
function changeReport(prefix: string, changes: ChangeSet, palette: Palette): string[] {
  const [summary = '', ...body] = textReportLines(changes, { styles: palette })
  return [`${prefix}  changed: ${summary}`, ...body.map((line) => `  ${line}`)]
}

function linePrefix(at: Date, sourceId: string, palette: Palette): string {
  return `${palette.dim(timeOfDay(at))}  ${palette.bold(sourceId)}`
}

/** `openapi 3.0.3, "Pets" 1.0.0, 4 operations`. */
export function describeSnapshot(snapshot: ApiSnapshot | undefined): string {
  if (snapshot === undefined) return 'no snapshot'
  const kind = snapshot.specVersion === snapshot.type ? snapshot.type : `${snapshot.type} ${snapshot.specVersion}`
  const title = snapshot.title === '' ? '' : `, "${snapshot.title}"${snapshot.version === '' ? '' : ` ${snapshot.version}`}`
  const count = snapshot.operations.length
  return `${kind}${title}, ${count} operation${count === 1 ? '' : 's'}`
}

function timeOfDay(at: Date): string {
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':')
}
