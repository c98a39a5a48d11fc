import { afterEach, describe, expect, it, vi } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import { diffInSlices, stepwiseDiff } from '../src/formats/stepwise-diff.js'
import { snapshotOf } from '../src/formats/snapshot-of.js'
import { diffDocuments } from '../src/formats/diff-documents.js'
import { emptyChangeSet } from '../src/diff/change-set.js'
import { TimeSlice, YIELD_BUDGET_MS } from '../src/runtime/yield.js'
import type { SpecFormat } from '../src/formats/types.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { FakeLoader, content, openapiDoc } from './helpers/fake-loader.js'

afterEach(() => {
  vi.restoreAllMocks()
})

/** Makes every read of the clock look like a budget's worth of work has passed: each check is due. */
function everyCheckIsLate(): void {
  let now = 0
  vi.spyOn(performance, 'now').mockImplementation(() => (now += YIELD_BUDGET_MS))
}

const OPERATIONS = 40
const realYield = TimeSlice.prototype.yield

/** Two versions of an API where every operation changed (a response description each). */
function openapiPair(): { before: string; after: string } {
  const version = (label: string) =>
    openapiDoc(Object.fromEntries(Array.from({ length: OPERATIONS }, (_, index) => [`get /items${index}`, { responses: { '200': { description: `${label} ${index}` } } }])))
  return { before: version('old'), after: version('new') }
}

function graphqlPair(): { before: string; after: string } {
  const fields = (type: string) => Array.from({ length: OPERATIONS }, (_, index) => `f${index}: ${type}`).join('\n')
  return { before: `type Query {\n${fields('Int')}\n}`, after: `type Query {\n${fields('String')}\n}` }
}

async function snapshots(format: SpecFormat, pair: { before: string; after: string }): Promise<[ApiSnapshot, ApiSnapshot]> {
  return [await snapshotOf(format, pair.before, { sourceId: 'old' }), await snapshotOf(format, pair.after, { sourceId: 'new' })]
}

describe('a diff runs in time slices (issue 11, item 9: the host keeps turning)', () => {
  it.each([
    ['OpenAPI', openapiFormat, openapiPair],
    ['GraphQL', graphqlFormat, graphqlPair],
  ] as const)('the %s diff yields between its operations when it runs long, with the same change set', async (_name, format, pair) => {
    const [before, after] = await snapshots(format, pair())
    const whole = format.diff(before, after)
    expect(whole.modified).toHaveLength(OPERATIONS)
    everyCheckIsLate()
    const yields = vi.spyOn(TimeSlice.prototype, 'yield')
    const sliced = await diffInSlices(format, before, after, new TimeSlice())
    expect(yields.mock.calls.length).toBeGreaterThanOrEqual(OPERATIONS)
    expect(sliced).toEqual(whole)
  })

  it('a short diff does not yield', async () => {
    const [before, after] = await snapshots(openapiFormat, openapiPair())
    vi.spyOn(performance, 'now').mockReturnValue(0)
    const yields = vi.spyOn(TimeSlice.prototype, 'yield')
    await diffInSlices(openapiFormat, before, after, new TimeSlice())
    expect(yields).not.toHaveBeenCalled()
  })

  it("a host's copy of a format with its own diff is diffed by that diff", async () => {
    const [before, after] = await snapshots(openapiFormat, openapiPair())
    const own = vi.fn(() => emptyChangeSet())
    const copy: SpecFormat = { ...openapiFormat, diff: own }
    expect(await diffInSlices(copy, before, after, new TimeSlice())).toEqual(emptyChangeSet())
    expect(own).toHaveBeenCalledOnce()
  })

  it("the service's changed sync lets the event loop turn between the diff's steps", async () => {
    const turnsAtStep: number[] = []
    const yields = vi.spyOn(TimeSlice.prototype, 'yield')
    const format: SpecFormat = {
      ...openapiFormat,
      diff: stepwiseDiff(function* (before, after) {
        for (let step = 0; step < 3; step++) {
          turnsAtStep.push(yields.mock.calls.length)
          yield
        }
        return openapiFormat.diff(before, after)
      }),
    }
    const { before, after } = openapiPair()
    const service = new LiveSyncService({ loader: new FakeLoader().script('api', content(before), content(after)), formats: [format] })
    try {
      await service.addSource({ id: 'api', name: 'API', type: 'openapi', url: 'http://127.0.0.1/api.json', refreshInterval: 0 })
      await service.syncSource('api')
      everyCheckIsLate()
      const result = await service.syncSource('api')
      expect(result.changes?.modified).toHaveLength(OPERATIONS)
      expect(turnsAtStep).toHaveLength(3)
      expect(turnsAtStep[1]).toBeGreaterThan(turnsAtStep[0]!)
      expect(turnsAtStep[2]).toBeGreaterThan(turnsAtStep[1]!)
    } finally {
      await service.dispose()
    }
  })

  it('a sync cancelled while it reads and diffs a large document stops at its next turn, not at the end', async () => {
    const { before, after } = openapiPair()
    const service = new LiveSyncService({ loader: new FakeLoader().script('api', content(before), content(after)), onListenerError: () => {} })
    try {
      await service.addSource({ id: 'api', name: 'API', type: 'openapi', url: 'http://127.0.0.1/api.json', refreshInterval: 0 })
      await service.syncSource('api')
      everyCheckIsLate()
      const whole = vi.spyOn(TimeSlice.prototype, 'yield')
      await snapshots(openapiFormat, { before, after })
      const turnsOfAWholeRead = whole.mock.calls.length
      whole.mockRestore()
      let removal: Promise<void> | undefined
      const turns = vi.spyOn(TimeSlice.prototype, 'yield').mockImplementation(async function (this: TimeSlice) {
        if (turns.mock.calls.length === 3) removal = service.removeSource('api')
        return realYield.call(this)
      })
      const result = await service.syncSource('api')
      await removal
      expect(result.status).toBe('cancelled')
      expect(result.error?.code).toBe('CANCELLED')
      // The third turn aborted it: the read of one document alone takes many more.
      expect(turnsOfAWholeRead).toBeGreaterThan(OPERATIONS)
      expect(turns.mock.calls.length).toBe(3)
    } finally {
      await service.dispose()
    }
  })

  it('diffDocuments runs its diff in slices too', async () => {
    const { before, after } = openapiPair()
    const whole = await diffDocuments(before, after)
    everyCheckIsLate()
    const yields = vi.spyOn(TimeSlice.prototype, 'yield')
    await snapshots(openapiFormat, { before, after })
    const whileReading = yields.mock.calls.length
    yields.mockClear()
    expect(await diffDocuments(before, after)).toEqual(whole)
    // Reading both documents yields as much again; the diff adds a turn per operation.
    expect(yields.mock.calls.length).toBeGreaterThanOrEqual(whileReading + OPERATIONS)
  })
})
