import { afterEach, describe, expect, it, vi } from 'vitest'
import { normalizeOpenApi } from '../src/formats/openapi/normalize.js'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import { TimeSlice, YIELD_BUDGET_MS, yieldToEventLoop } from '../src/runtime/yield.js'
import { openapiDoc } from './helpers/fake-loader.js'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

/** Makes every read of the clock look like a budget's worth of work has passed: each check is due. */
function everyCheckIsLate(): void {
  let now = 0
  vi.spyOn(performance, 'now').mockImplementation(() => (now += YIELD_BUDGET_MS))
}

/** How many times `work` let the event loop turn through a TimeSlice. */
async function yieldsDuring(work: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(TimeSlice.prototype, 'yield')
  try {
    await work()
    return spy.mock.calls.length
  } finally {
    spy.mockRestore()
  }
}

const doc = openapiDoc(Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`get /items${index}`, {}])))

describe('long work lets the event loop turn (issue 11, item 9)', () => {
  it('yieldToEventLoop uses scheduler.yield where the platform has it, else a MessageChannel turn', async () => {
    const schedulerYield = vi.fn(async () => {})
    vi.stubGlobal('scheduler', { yield: schedulerYield })
    await yieldToEventLoop()
    expect(schedulerYield).toHaveBeenCalledTimes(1)
    vi.unstubAllGlobals()
    const messages = vi.spyOn(MessagePort.prototype, 'postMessage')
    await yieldToEventLoop()
    expect(messages).toHaveBeenCalledTimes(1)
  })

  it('a TimeSlice yields only once its budget is used up', async () => {
    let now = 0
    vi.spyOn(performance, 'now').mockImplementation(() => now)
    const slice = new TimeSlice()
    now = YIELD_BUDGET_MS - 1
    expect(await yieldsDuring(() => slice.yieldIfDue())).toBe(0)
    now = YIELD_BUDGET_MS
    expect(await yieldsDuring(() => slice.yieldIfDue())).toBe(1)
  })

  it('OpenAPI normalization yields inside its operations loop when it runs long', async () => {
    everyCheckIsLate()
    // More yields than the phases alone make: the operations loop yields too.
    expect(await yieldsDuring(() => normalizeOpenApi(doc, { sourceId: 'big' }))).toBeGreaterThan(50)
  })

  it('GraphQL normalization yields between its phases when they run long', async () => {
    await graphqlFormat.normalize('type Query { warm: Int }', { sourceId: 'warm' }) // \`graphql\` imported: no turn from that
    everyCheckIsLate()
    expect(await yieldsDuring(() => graphqlFormat.normalize('type Query { a: Int }', { sourceId: 'big' }))).toBeGreaterThanOrEqual(3)
  })

  it('short work does not yield (no reordering for ordinary documents)', async () => {
    vi.spyOn(performance, 'now').mockReturnValue(0)
    expect(await yieldsDuring(() => normalizeOpenApi(openapiDoc({ 'get /a': {} }), { sourceId: 'small' }))).toBe(0)
  })
})
