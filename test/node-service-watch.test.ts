import { renameSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SyncEvents } from '../src/events/events.js'
import { createFileWatcher } from '../src/node/file-watcher.js'
import { createNodeLoader } from '../src/node/node-loader.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { openapiDoc } from './helpers/fake-loader.js'
import { recordEvents } from './helpers/service.js'

const WAIT = { timeout: 8000, interval: 20 }
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'als-service-watch-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function fsWatchHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'FSEventWrap').length
}

describe('LiveSyncService + createNodeLoader + createFileWatcher', () => {
  it('syncs with trigger "watch" when an editor saves the file by rename, and leaves no watch behind', async () => {
    const baseline = fsWatchHandles()
    const path = join(dir, 'openapi.json')
    writeFileSync(path, openapiDoc({ 'get /pets': {} }))
    // A long poll interval: any second sync within the test can only come from the watcher.
    const service = new LiveSyncService({ loader: createNodeLoader(), watcher: createFileWatcher({ debounceMs: 50 }), onListenerError: () => {} })
    const events = recordEvents(service)
    await service.addSource({ id: 'watched-file', name: 'Watched file', type: 'openapi', filePath: path, refreshInterval: 600_000 })
    try {
      service.start()
      await vi.waitFor(() => expect(events.filter((entry) => entry.event === SyncEvents.SYNC_COMPLETED)).toHaveLength(1), WAIT)
      expect(fsWatchHandles()).toBe(baseline + 1)

      writeFileSync(join(dir, 'openapi.json.tmp'), openapiDoc({ 'get /pets': {}, 'post /pets': {} }))
      renameSync(join(dir, 'openapi.json.tmp'), path)

      await vi.waitFor(() => expect(events.filter((entry) => entry.event === SyncEvents.SYNC_COMPLETED)).toHaveLength(2), WAIT)
      const started = events.filter((entry) => entry.event === SyncEvents.SYNC_STARTED).map((entry) => entry.payload)
      expect(started.map((payload) => (payload as { trigger: string }).trigger)).toEqual(['poll', 'watch'])
      const detected = events.filter((entry) => entry.event === SyncEvents.CHANGES_DETECTED)
      expect(detected).toHaveLength(2)
      const latest = detected[1]!.payload as { sourceId: string; changes: { added: Array<{ key: string }> } }
      expect(latest.sourceId).toBe('watched-file')
      expect(latest.changes.added.map((operation) => operation.key)).toEqual(['POST /pets'])
    } finally {
      await service.dispose()
    }
    await vi.waitFor(() => expect(fsWatchHandles()).toBe(baseline), WAIT)
  })

  it('closes the watch when the source is removed', async () => {
    const baseline = fsWatchHandles()
    const path = join(dir, 'openapi.json')
    writeFileSync(path, openapiDoc({ 'get /pets': {} }))
    const service = new LiveSyncService({ loader: createNodeLoader(), watcher: createFileWatcher(), onListenerError: () => {} })
    try {
      await service.addSource({ id: 'removed-file', name: 'Removed', type: 'openapi', filePath: path, refreshInterval: 600_000 })
      service.start()
      expect(fsWatchHandles()).toBe(baseline + 1)
      await service.removeSource('removed-file')
      await vi.waitFor(() => expect(fsWatchHandles()).toBe(baseline), WAIT)
    } finally {
      await service.dispose()
    }
  })
})
