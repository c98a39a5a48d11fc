import type { ServerResponse } from 'node:http'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CliLoader } from '../src/cli/cli-loader.js'
import { probeSource } from '../src/cli/probe-source.js'
import { parseSourceConfig } from '../src/config/config.js'
import { discoverSpec } from '../src/discovery/discover-spec.js'
import { testSource } from '../src/discovery/test-source.js'
import { TimeoutError, isTimeoutError } from '../src/errors/errors.js'
import { loadOnce, withTimeout } from '../src/runtime/load-once.js'
import { createTestClock, type TestClock } from '../src/testing/test-clock.js'
import type { TestServer } from './helpers/http-server.js'
import { serve } from './helpers/serve.js'

/**
 * Issue 10, move 6: every "load once with a timeout" waits on the injected clock. The platform's
 * `setTimeout` is faked and moved a minute ahead: a budget that bypassed the clock would run out
 * then; one on the clock runs out only when the clock advances.
 */
let clock: TestClock

beforeEach(() => {
  clock = createTestClock()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})

afterEach(async () => {
  vi.useRealTimers()
})

/** A server that never answers (until it is closed). */
function silentServer(): Promise<TestServer> {
  const held: ServerResponse[] = []
  return serve((_request, response) => void held.push(response))
}

/** Tracks whether a promise has settled, without letting a rejection go unhandled. */
function watch<T>(promise: Promise<T>): { readonly settled: boolean; promise: Promise<T> } {
  const state = { settled: false, promise }
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  )
  return state
}

/** A minute of the platform's time passes (only its timers run), and the work it woke gets some turns. */
async function platformMinutePasses(): Promise<void> {
  await vi.advanceTimersByTimeAsync(60_000)
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve))
}

async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 10_000) throw new Error('condition never became true')
    await new Promise((resolve) => setImmediate(resolve))
  }
}

const source = (url: string) => parseSourceConfig({ id: 'slow', name: 'Slow', type: 'openapi', url, refreshInterval: 0 })

describe('withTimeout', () => {
  it('rejects with the timeout error when the clock reaches the budget, never by real time', async () => {
    const hung = watch(withTimeout(() => new Promise<never>(() => {}), { clock, timeoutMs: 1000, timeoutError: () => new TimeoutError('too slow', 1000) }))
    await platformMinutePasses()
    await clock.advance(999)
    expect(hung.settled).toBe(false)
    await clock.advance(1)
    await expect(hung.promise).rejects.toThrow('too slow')
    expect(clock.pendingTimers).toBe(0)
  })

  it('rejects with the reason of the caller\'s signal, and clears its timer', async () => {
    const controller = new AbortController()
    const work = withTimeout((signal) => new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('saw abort')))), {
      clock,
      timeoutMs: 1000,
      signal: controller.signal,
      timeoutError: () => new TimeoutError('too slow', 1000),
    })
    controller.abort(new Error('stopped'))
    await expect(work).rejects.toThrow('stopped')
    expect(clock.pendingTimers).toBe(0)
  })

  it('settles with the work and clears its timer', async () => {
    await expect(withTimeout(async () => 'done', { clock, timeoutMs: 1000, timeoutError: () => new TimeoutError('too slow', 1000) })).resolves.toBe('done')
    expect(clock.pendingTimers).toBe(0)
  })
})

describe('loadOnce', () => {
  it("uses the source's own timeout over the default, and names the source", async () => {
    const loader = { load: () => new Promise<never>(() => {}) }
    const config = parseSourceConfig({ id: 'pets', name: 'Pets', type: 'openapi', url: 'http://127.0.0.1:1/x', refreshInterval: 0, timeout: 500 })
    const load = watch(loadOnce(config, { loader, clock, timeoutMs: 30_000, request: { maxBytes: 1000 } }))
    await clock.advance(500)
    const error = await load.promise.catch((thrown: unknown) => thrown)
    expect(isTimeoutError(error)).toBe(true)
    expect(error).toMatchObject({ timeoutMs: 500, sourceId: 'pets', message: 'Source "pets" did not answer within 500 ms' })
  })
})

describe('every one-off load times out on the injected clock', () => {
  it('testSource', async () => {
    const server = await silentServer()
    const report = watch(testSource(source(`${server.url}/openapi.json`), { clock, timeoutMs: 5000 }))
    await platformMinutePasses()
    expect(report.settled).toBe(false)
    await clock.advance(5000)
    const result = await report.promise
    expect(isTimeoutError(result.error)).toBe(true)
    expect(result.durationMs).toBe(5000)
  })

  it('discoverSpec, per probe', async () => {
    const server = await silentServer()
    const found = watch(discoverSpec(server.url, { clock, timeoutMs: 3000 }))
    await platformMinutePasses()
    expect(found.settled).toBe(false)
    await clock.advance(3000)
    expect(await found.promise).toEqual([])
  })

  it("the CLI's loads", async () => {
    const server = await silentServer()
    const load = watch(new CliLoader(undefined, undefined, clock).loadOnce(source(`${server.url}/openapi.json`), 5000))
    await platformMinutePasses()
    expect(load.settled).toBe(false)
    await clock.advance(5000)
    await expect(load.promise).rejects.toSatisfy(isTimeoutError)
  })

  it("the CLI's introspection question to a URL that served no API definition", async () => {
    const held: ServerResponse[] = []
    const server = await serve((request, response) => {
      if (request.method === 'POST') return void held.push(response)
      response.setHeader('content-type', 'text/plain')
      response.end('hello')
    })
    const loader = new CliLoader(undefined, undefined, clock)
    const probed = watch(probeSource(source(`${server.url}/api`), loader, 5000))
    await until(() => server.requests.some((request) => request.method === 'POST'))
    await platformMinutePasses()
    expect(probed.settled).toBe(false)
    await clock.advance(5000)
    const result = await probed.promise
    // No answer to the question: what the GET served stands, of no known type.
    expect(result).toMatchObject({ introspected: false, loaded: { content: 'hello' } })
    expect(result.detected).toBeUndefined()
  })
})
