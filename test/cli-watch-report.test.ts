// `watch` prints, per sync, the same report as `diff`: one line per cause with the operations it reaches.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { attachHumanOutput } from '../src/cli/watch-output.js'
import type { CliIo } from '../src/cli/cli-io.js'
import type { ChangeSet } from '../src/model/change.js'
import { SyncEvents } from '../src/events/events.js'
import type { LiveSyncService } from '../src/service/LiveSyncService.js'
import { textReportLines } from '../src/report/text.js'
import { byCauseChangeSet } from './helpers/report-change-sets.js'

/** The events and the one method attachHumanOutput uses of a service. */
function fakeService() {
  const emitter = new EventEmitter()
  const service = Object.assign(emitter, { getSnapshot: () => undefined }) as unknown as LiveSyncService
  const completed = (changes: ChangeSet | undefined) =>
    emitter.emit(SyncEvents.SYNC_COMPLETED, { sourceId: 'pets', finishedAt: new Date(2024, 4, 1, 10, 0, 0), changesDetected: changes !== undefined, changes })
  return { service, completed }
}

describe('watch output for people', () => {
  it('prints each later sync as the grouped report, under the time and source', () => {
    let stdout = ''
    const io: CliIo = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {}, cwd: '/', handleProcessSignals: false }
    const { service, completed } = fakeService()
    attachHumanOutput(service, io)

    completed(byCauseChangeSet())
    completed(byCauseChangeSet())

    const [first, ...report] = stdout.trimEnd().split('\n')
    const [summary, ...causes] = textReportLines(byCauseChangeSet())
    expect(first).toBe('10:00:00  pets  in sync: no snapshot')
    expect(report).toEqual([`10:00:00  pets  changed: ${summary}`, ...causes.map((line) => `  ${line}`)])
    expect(report).toContain("    Pet: property 'nickname' was removed [schema-property-removed] in 5 operations: GET /pets, GET /pets/{petId}, POST /pets and 2 more")
  })
})
