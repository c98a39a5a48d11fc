// The built main entry in a real browser: a page bundled for the browser from dist/ syncs a cross-origin
// OpenAPI document served by node:http, in Debian's headless Chromium driven by playwright-core.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from './helpers/http-server.js'
import { openapiDoc } from './helpers/fake-loader.js'
import { bundlePage, type PageBundle } from './browser/bundle-page.js'
import { CHROMIUM_FLAGS, DEBIAN_CHROMIUM, findChromium } from './browser/chromium.js'
import type { BrowserHarness, PageSyncReport } from './browser/page.js'
import { NO_CORS_DOCUMENT_PATH, startDocumentServer, startPageServer, type DocumentServer } from './browser/servers.js'

const chromiumPath = findChromium()
// In CI the browser is installed by .ci/run, so a missing one must fail the run, not skip it.
const runs = chromiumPath !== undefined || Boolean(process.env.CI)
const title = runs
  ? 'the built main entry in headless Chromium'
  : `the built main entry in headless Chromium (SKIPPED: no Chromium at ${DEBIAN_CHROMIUM} or on PATH; install it with apt-get install -y chromium)`
if (!runs) console.warn(`browser.test.ts: ${title}`)

const V1 = openapiDoc({ 'get /pets': {}, 'post /pets': {} })
const V2 = openapiDoc({ 'get /pets': {}, 'get /pets/{petId}': { parameters: [petIdParameter()] } })
const V3 = openapiDoc({
  'get /pets': { parameters: [{ name: 'limit', in: 'query', required: true, schema: { type: 'integer' } }] },
  'get /pets/{petId}': { parameters: [petIdParameter()] },
})

function petIdParameter() {
  return { name: 'petId', in: 'path', required: true, schema: { type: 'string' } }
}

describe.skipIf(!runs)(title, () => {
  let bundle: PageBundle
  let pageServer: TestServer
  let documents: DocumentServer
  let userDataDir: string
  let context: BrowserContext
  let page: Page
  const pageErrors: string[] = []

  /** Calls the page's harness (see test/browser/page.ts); arguments and results cross as JSON. */
  function harness<K extends keyof BrowserHarness>(method: K, ...args: Parameters<BrowserHarness[K]>): Promise<Awaited<ReturnType<BrowserHarness[K]>>> {
    return page.evaluate(
      ([name, values]) => {
        const target = window.harness
        if (target === undefined) throw new Error('the page has no harness: page.js did not run')
        return (target[name] as (...input: unknown[]) => unknown)(...values)
      },
      [method, args] as const,
    ) as Promise<Awaited<ReturnType<BrowserHarness[K]>>>
  }

  async function openPage(): Promise<void> {
    await page.goto(pageServer.url + '/')
    await page.waitForFunction(() => window.harness !== undefined, undefined, { timeout: 10_000 })
  }

  beforeAll(async () => {
    bundle = await bundlePage()
    pageServer = await startPageServer(bundle.script)
    documents = await startDocumentServer(pageServer.url, V1)
    userDataDir = await mkdtemp(join(tmpdir(), 'als-chromium-'))
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath ?? DEBIAN_CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      timeout: 30_000,
    })
    page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await openPage()
  }, 60_000)

  afterEach(() => {
    expect(pageErrors, 'uncaught errors in the page').toEqual([])
  })

  afterAll(async () => {
    await context?.close()
    await Promise.all([pageServer?.close(), documents?.server.close()])
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
  })

  it('runs a page bundled for the browser from dist/, not from src/', () => {
    expect(bundle.inputs).toContain('dist/index.js')
    expect(bundle.inputs).toContain('dist/testing.js')
    expect(bundle.inputs.filter((input) => input.startsWith('src/'))).toEqual([])
    expect(new URL(documents.documentUrl).origin).not.toBe(pageServer.url)
  })

  it('runs the test kit (api-live-sync/testing): retries and polls on its clock, through the browser event loop', async () => {
    expect(await harness('testKit')).toEqual({
      attempts: [
        { attempt: 1, at: 0 },
        { attempt: 2, at: 3000 },
        { attempt: 3, at: 6000 },
        { attempt: 1, at: 66_000 },
      ],
      retryDelays: [3000, 3000],
      added: ['GET /owners'],
    })
  })

  it('syncs a cross-origin source: the first sync reports every operation as added', async () => {
    await harness('addSource', 'pets', documents.documentUrl)

    const result = await harness('sync', 'pets')

    expect(result).toMatchObject<Partial<PageSyncReport>>({ status: 'success', changesDetected: true, error: null })
    expect(result.changes).toEqual({ added: ['GET /pets', 'POST /pets'], removed: [], modified: [], breaking: false })
    expect(await harness('detected')).toEqual([{ sourceId: 'pets', added: ['GET /pets', 'POST /pets'], removed: [], modified: [], breaking: false }])
  })

  it('reports a changed document through changes:detected with the operation keys, and a 304 as no change', async () => {
    documents.setDocument(V2)

    const changed = await harness('sync', 'pets')
    const unchanged = await harness('sync', 'pets')

    expect(changed.status).toBe('success')
    expect((await harness('detected'))[1]).toEqual({
      sourceId: 'pets',
      added: ['GET /pets/{petId}'],
      removed: ['POST /pets'],
      modified: [],
      breaking: true,
    })
    // The ETag crossed CORS (exposed by the server), so the second sync asked If-None-Match and got a 304.
    expect(unchanged).toMatchObject({ status: 'success', changesDetected: false, fingerprint: changed.fingerprint })
    expect(documents.notModifiedCount()).toBe(1)
    expect(await harness('detected')).toHaveLength(2)
  })

  it('keeps the baseline in localStorage across a reload (localStorageStore)', async () => {
    const before = await harness('fingerprint', 'pets')
    expect(before).toMatch(/^[0-9a-f]{64}$/)
    expect(await harness('storedKeys')).toEqual(['als-browser-test:source:pets'])

    await page.reload()
    await page.waitForFunction(() => window.harness !== undefined, undefined, { timeout: 10_000 })
    await harness('addSource', 'pets', documents.documentUrl)

    // Restored before any sync: a fresh service without the store would have no snapshot at all.
    expect(await harness('fingerprint', 'pets')).toBe(before)
    expect(await harness('operationKeys', 'pets')).toEqual(['GET /pets', 'GET /pets/{petId}'])
    const resumed = await harness('sync', 'pets')
    expect(resumed).toMatchObject({ status: 'success', changesDetected: false, fingerprint: before })
    expect(await harness('detected')).toEqual([])

    documents.setDocument(V3)
    const changed = await harness('sync', 'pets')
    expect(changed.status).toBe('success')
    expect(await harness('detected')).toEqual([{ sourceId: 'pets', added: [], removed: [], modified: ['GET /pets'], breaking: true }])
  })

  it('fails a document served without CORS headers with a NetworkError that carries the CORS hint', async () => {
    const answered = () => documents.server.requests.filter((request) => request.url === NO_CORS_DOCUMENT_PATH).length
    await harness('addSource', 'no-cors', documents.noCorsDocumentUrl)

    const result = await harness('sync', 'no-cors')

    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ name: 'NetworkError', code: 'NETWORK_ERROR', isNetworkError: true })
    expect(result.error?.message).toContain('Source "no-cors"')
    expect(result.error?.message).toContain('CORS')
    expect(result.error?.message).toContain(`Access-Control-Allow-Origin: ${pageServer.url}`)
    // The server did answer: only the browser's CORS check turned the response into a failure.
    expect(answered()).toBe(1)
  })
})
