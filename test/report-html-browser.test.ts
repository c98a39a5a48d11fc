// The HTML report in Debian's headless Chromium (driven by playwright-core, as test/browser.test.ts
// does): the page renders, its filters show and hide causes, a cause expands to its operations, its
// Content-Security-Policy lets its own script run, and a screenshot of it is not blank.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { renderHtml } from '../src/report/html.js'
import { CHROMIUM_FLAGS, DEBIAN_CHROMIUM, findChromium } from './browser/chromium.js'
import { startTestServer, type TestServer } from './helpers/http-server.js'
import { byCauseChangeSet } from './helpers/report-change-sets.js'

const chromiumPath = findChromium()
// In CI the browser is installed by .ci/run, so a missing one must fail the run, not skip it.
const runs = chromiumPath !== undefined || Boolean(process.env.CI)
const title = runs
  ? 'the HTML report in headless Chromium'
  : `the HTML report in headless Chromium (SKIPPED: no Chromium at ${DEBIAN_CHROMIUM} or on PATH; install it with apt-get install -y chromium)`

describe.skipIf(!runs)(title, () => {
  let server: TestServer
  let userDataDir: string
  let context: BrowserContext
  let page: Page
  const problems: string[] = []

  const visibleCauses = () => page.locator('#causes > li:visible')
  const severityBox = (severity: string) => page.locator(`input[name="severity"][value="${severity}"]`)

  beforeAll(async () => {
    const html = renderHtml(byCauseChangeSet(), { title: 'Pets <API> changes' })
    server = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8')
      response.end(html)
    })
    userDataDir = await mkdtemp(join(tmpdir(), 'als-chromium-report-'))
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath ?? DEBIAN_CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      timeout: 30_000,
      viewport: { width: 1100, height: 900 },
    })
    page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => problems.push(error.message))
    // A CSP violation (the page's own script blocked, or something loaded) shows as a console error.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    await page.goto(`${server.url}/report.html`)
  }, 60_000)

  afterEach(() => {
    expect(problems, 'errors in the page').toEqual([])
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true })
  })

  it('renders the summary and one entry per cause, and its script runs', async () => {
    expect(await page.title()).toBe('Pets <API> changes')
    expect(await page.locator('h1').textContent()).toBe('Pets <API> changes')
    expect(await page.locator('.counts').textContent()).toBe('3 breaking, 1 warning, 3 info')
    expect(await visibleCauses().count()).toBe(7)
    // Written by the script on load, so the CSP hash let it run.
    await expect.poll(() => page.locator('#shown').textContent()).toBe('7 of 7 changes shown')
    // A hostile message stays text.
    expect(await page.locator('#causes b').count()).toBe(0)
    expect(await page.locator('#causes').textContent()).toContain("may now be 'sold <b>out</b> | *soon* @octocat 100%: a,b'")
  })

  it('filters by severity', async () => {
    await severityBox('info').uncheck()
    expect(await visibleCauses().count()).toBe(4)
    await severityBox('warning').uncheck()
    expect(await visibleCauses().count()).toBe(3)
    expect(await visibleCauses().evaluateAll((items) => items.map((item) => item.getAttribute('data-severity')))).toEqual(['breaking', 'breaking', 'breaking'])
    expect(await page.locator('#shown').textContent()).toBe('3 of 7 changes shown')
    await severityBox('info').check()
    await severityBox('warning').check()
    expect(await visibleCauses().count()).toBe(7)
  })

  it('filters by rule and by tag', async () => {
    await page.selectOption('select[name="kind"]', 'schema-property-removed')
    expect(await visibleCauses().count()).toBe(2)
    await severityBox('warning').uncheck()
    expect(await visibleCauses().count()).toBe(1)
    await severityBox('warning').check()
    await page.selectOption('select[name="kind"]', '')

    await page.selectOption('select[name="tag"]', 'owners')
    expect(await visibleCauses().count()).toBe(1)
    expect(await visibleCauses().first().textContent()).toContain("property 'nickname' was removed")
    await page.selectOption('select[name="tag"]', 'store')
    expect(await visibleCauses().count()).toBe(1)
    await page.selectOption('select[name="tag"]', '')
    expect(await visibleCauses().count()).toBe(7)
  })

  it('expands a cause to the operations it reaches', async () => {
    const cause = page.locator('#causes > li', { hasText: "property 'nickname' was removed" }).first()
    const operations = cause.locator('ul.operations > li')
    expect(await operations.first().isVisible()).toBe(false)

    await cause.locator('summary').click()

    expect(await operations.count()).toBe(5)
    expect(await operations.first().isVisible()).toBe(true)
    expect(await operations.allTextContents()).toContain('GET /owners/{ownerId} responses/200/content/application/json/schema/properties/pets/items/properties/nickname')
  })

  it('takes a screenshot that is not blank', async () => {
    const png = await page.screenshot({ fullPage: true })
    const pixels = await measureScreenshot(png.toString('base64'))

    expect(pixels.width).toBeGreaterThan(500)
    expect(pixels.height).toBeGreaterThan(300)
    // Text, borders and badges: many colours, and a real share of pixels unlike the background.
    expect(pixels.colours).toBeGreaterThan(16)
    expect(pixels.inkShare).toBeGreaterThan(0.01)
  })

  /** Decodes the PNG in a blank page of the same browser: size, distinct colours, share of pixels unlike the top-left one. */
  async function measureScreenshot(base64: string): Promise<{ width: number; height: number; colours: number; inkShare: number }> {
    const blank = await context.newPage()
    try {
      return await blank.evaluate(async (data) => {
        const image = new Image()
        image.src = `data:image/png;base64,${data}`
        await image.decode()
        const canvas = document.createElement('canvas')
        canvas.width = image.width
        canvas.height = image.height
        const context2d = canvas.getContext('2d')!
        context2d.drawImage(image, 0, 0)
        const { data: rgba } = context2d.getImageData(0, 0, image.width, image.height)
        const colours = new Set<number>()
        let ink = 0
        for (let index = 0; index < rgba.length; index += 4) {
          const colour = (rgba[index]! << 16) | (rgba[index + 1]! << 8) | rgba[index + 2]!
          colours.add(colour)
          if (Math.abs(rgba[index]! - rgba[0]!) + Math.abs(rgba[index + 1]! - rgba[1]!) + Math.abs(rgba[index + 2]! - rgba[2]!) > 48) ink++
        }
        return { width: image.width, height: image.height, colours: colours.size, inkShare: ink / (rgba.length / 4) }
      }, base64)
    } finally {
      await blank.close()
    }
  }
})
