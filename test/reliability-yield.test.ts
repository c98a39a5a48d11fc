import { afterEach, describe, expect, it, vi } from 'vitest'
import { normalizeOpenApi } from '../src/formats/openapi/normalize.js'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import { TimeSlice, YIELD_BUDGET_MS, yieldToEventLoop } from '../src/runtime/yield.js'
import { openapiDoc } from './helpers/fake-loader.js'

afterEach(() => {
  vi.restoreAllMocks()
})

/** Makes every read of the clock look like a budget's worth of work has passed: each check is due. */
function everyCheckIsLate(): void {
  let now = 0
  vi.spyOn(performance, 'now').mockImplementation(() => (now += YIELD_BUDGET_MS))
}

/** Whether a callback queued for the next turn of the event loop ran before `work` finished. */
async function turnsDuring(work: () => Promise<unknown>): Promise<boolean> {
  let turned = false
  setImmediate(() => (turned = true))
  await work()
  return turned
}

const doc = openapiDoc(Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`get /items${index}`, {}])))

describe('long work lets the event loop turn (issue 11, item 9)', () => {
  it('yieldToEventLoop resolves on a later turn', async () => {
    expect(await turnsDuring(() => yieldToEventLoop())).toBe(true)
  })

  it('a TimeSlice yields only once its budget is used up', async () => {
    let now = 0
    vi.spyOn(performance, 'now').mockImplementation(() => now)
    const slice = new TimeSlice()
    now = YIELD_BUDGET_MS - 1
    expect(await turnsDuring(() => slice.yieldIfDue())).toBe(false)
    now = YIELD_BUDGET_MS
    expect(await turnsDuring(() => slice.yieldIfDue())).toBe(true)
  })

  it('OpenAPI normalization yields inside its operations loop when it runs long', async () => {
    everyCheckIsLate()
    expect(await turnsDuring(() => normalizeOpenApi(doc, { sourceId: 'big' }))).toBe(true)
  })

  it('GraphQL normalization yields between its phases when they run long', async () => {
    await graphqlFormat.normalize('type Query { warm: Int }', { sourceId: 'warm' }) // \`graphql\` imported: no turn from that
    everyCheckIsLate()
    expect(await turnsDuring(() => graphqlFormat.normalize('type Query { a: Int }', { sourceId: 'big' }))).toBe(true)
  })

  it('short work does not yield (no reordering for ordinary documents)', async () => {
    vi.spyOn(performance, 'now').mockReturnValue(0)
    expect(await turnsDuring(() => normalizeOpenApi(openapiDoc({ 'get /a': {} }), { sourceId: 'small' }))).toBe(false)
  })
})
