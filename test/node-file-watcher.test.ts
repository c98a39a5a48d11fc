import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseSourceConfig } from '../src/config/config.js'
import { createFileWatcher } from '../src/node/file-watcher.js'

// Real file-system events and real timers: waits are generous and never measured.
const WAIT = { timeout: 5000, interval: 20 }
/** Long enough for a stray event to have been delivered and debounced. */
const SETTLE_MS = 400

let dir: string
const stops: Array<() => void> = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'als-watch-'))
})

afterEach(async () => {
  for (const stop of stops.splice(0)) stop()
  await rm(dir, { recursive: true, force: true })
})

function fileSource(filePath: string) {
  return parseSourceConfig({ id: 'watched', name: 'Watched', type: 'openapi', filePath, refreshInterval: 1000 })
}

/** Starts watching `path`; returns a live count of onChange calls. */
function watchFile(path: string, options: Parameters<typeof createFileWatcher>[0] = { debounceMs: 50 }) {
  const state = { calls: 0 }
  const stop = createFileWatcher(options).watch(fileSource(path), () => state.calls++)
  if (stop === undefined) throw new Error('expected a file source to be watched')
  stops.push(stop)
  return { state, stop }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function fsWatchHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'FSEventWrap').length
}

describe('createFileWatcher', () => {
  it('reports an in-place write', async () => {
    const path = join(dir, 'spec.json')
    writeFileSync(path, '{"v":1}')
    const { state } = watchFile(path)

    writeFileSync(path, '{"v":2}')

    await vi.waitFor(() => expect(state.calls).toBe(1), WAIT)
  })

  it('reports a save through a temp file renamed over the target, and keeps watching after it', async () => {
    const path = join(dir, 'spec.json')
    writeFileSync(path, '{"v":1}')
    const { state } = watchFile(path)

    writeFileSync(join(dir, '.spec.json.swp'), '{"v":2}')
    renameSync(join(dir, '.spec.json.swp'), path)
    await vi.waitFor(() => expect(state.calls).toBe(1), WAIT)

    // The target's inode changed: a watch on the file itself would be dead now.
    writeFileSync(path, '{"v":3}')
    await vi.waitFor(() => expect(state.calls).toBe(2), WAIT)
  })

  it('reports a file deleted, then recreated', async () => {
    const path = join(dir, 'spec.json')
    writeFileSync(path, '{"v":1}')
    const { state } = watchFile(path)

    rmSync(path)
    await vi.waitFor(() => expect(state.calls).toBe(1), WAIT)
    writeFileSync(path, '{"v":2}')
    await vi.waitFor(() => expect(state.calls).toBe(2), WAIT)
  })

  it('debounces a burst of writes into one change', async () => {
    const path = join(dir, 'spec.json')
    writeFileSync(path, '{"v":0}')
    const { state } = watchFile(path, { debounceMs: 150 })

    for (let version = 1; version <= 20; version++) writeFileSync(path, `{"v":${version}}`)

    await vi.waitFor(() => expect(state.calls).toBe(1), WAIT)
    await pause(SETTLE_MS)
    expect(state.calls).toBe(1)
  })

  it('fires at least every maxWaitMs while events keep coming', async () => {
    const path = join(dir, 'spec.json')
    writeFileSync(path, '{"v":0}')
    const { state } = watchFile(path, { debounceMs: 100, maxWaitMs: 150 })
    let version = 0
    const writer = setInterval(() => writeFileSync(path, `{"v":${++version}}`), 20)
    try {
      await vi.waitFor(() => expect(state.calls).toBeGreaterThanOrEqual(2), WAIT)
    } finally {
      clearInterval(writer)
    }
  })

  it('ignores other files in the same directory', async () => {
    const path = join(dir, 'spec.json')
    writeFileSync(path, '{"v":1}')
    const { state } = watchFile(path)

    writeFileSync(join(dir, 'other.json'), '{}')
    writeFileSync(join(dir, 'spec.json.bak'), '{}')
    await pause(SETTLE_MS)

    expect(state.calls).toBe(0)
  })

  it('starts watching once a missing directory appears', async () => {
    const nested = join(dir, 'later')
    const path = join(nested, 'spec.json')
    const { state } = watchFile(path, { debounceMs: 20, retryMs: 50 })

    mkdirSync(nested)
    writeFileSync(path, '{}')
    await vi.waitFor(() => expect(state.calls).toBeGreaterThanOrEqual(1), WAIT)

    const seen = state.calls
    await pause(SETTLE_MS)
    writeFileSync(path, '{"v":2}')
    await vi.waitFor(() => expect(state.calls).toBe(seen + 1), WAIT)
  })

  it('survives its directory being deleted and recreated', async () => {
    const nested = join(dir, 'specs')
    const path = join(nested, 'spec.json')
    mkdirSync(nested)
    writeFileSync(path, '{}')
    const { state } = watchFile(path, { debounceMs: 20, retryMs: 50 })

    rmSync(nested, { recursive: true })
    await vi.waitFor(() => expect(state.calls).toBeGreaterThanOrEqual(1), WAIT)
    mkdirSync(nested)
    writeFileSync(path, '{"v":2}')
    await vi.waitFor(() => expect(state.calls).toBeGreaterThanOrEqual(2), WAIT)

    const seen = state.calls
    await pause(SETTLE_MS)
    writeFileSync(path, '{"v":3}')
    await vi.waitFor(() => expect(state.calls).toBe(seen + 1), WAIT)
  })

  it('stops for good: no calls after stop, and the fs.watch handle is closed', async () => {
    const baseline = fsWatchHandles()
    const path = join(dir, 'spec.json')
    writeFileSync(path, '{"v":1}')
    const { state, stop } = watchFile(path)
    expect(fsWatchHandles()).toBe(baseline + 1)

    writeFileSync(path, '{"v":2}') // a pending debounce must be cancelled too
    stop()
    stop()
    writeFileSync(path, '{"v":3}')
    await pause(SETTLE_MS)

    expect(state.calls).toBe(0)
    await vi.waitFor(() => expect(fsWatchHandles()).toBe(baseline), WAIT)
  })

  it('does not watch url sources', () => {
    const source = parseSourceConfig({ id: 'web', name: 'Web', type: 'openapi', url: 'http://127.0.0.1:1/spec', refreshInterval: 1000 })
    expect(createFileWatcher().watch(source, () => {})).toBeUndefined()
  })

  it('rejects a bad option with a TypeError naming it', () => {
    expect(() => createFileWatcher({ debounceMs: -1 })).toThrow(/debounceMs must be a non-negative number of milliseconds, received -1/)
    expect(() => createFileWatcher({ retryMs: Number.NaN })).toThrow(TypeError)
  })
})
