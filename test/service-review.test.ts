import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Collection, Request } from '../src/model/collection.js'
import { isDisposedError, isStalePlanError } from '../src/errors/errors.js'
import { SyncEvents, type ReviewRequiredEvent } from '../src/events/events.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import type { SyncTarget } from '../src/service/target-sync.js'
import { memoryStore } from '../src/store/state-store.js'
import { createFakeSource, nextEvent, openapi } from '../src/testing/index.js'
import { nextTurn } from '../src/testing/next-turn.js'
import { gate } from './helpers/promises.js'

const SPEC = 'http://127.0.0.1/openapi.json'

/** A host's collection in memory; `holdReads` makes the next reads wait for a gate the test opens. */
function memoryTarget() {
  const state: TargetState = { stored: undefined, writes: [], holdReads: undefined }
  return { target: memoryTargetOver(state), state }
}

interface TargetState {
  stored: Collection | undefined
  writes: Collection[]
  holdReads: Promise<void> | undefined
}

function memoryTargetOver(state: TargetState): SyncTarget {
  return {
    async read() {
      if (state.holdReads) await state.holdReads
      return state.stored === undefined ? undefined : structuredClone(state.stored)
    },
    async write(collection) {
      state.writes.push(structuredClone(collection))
      state.stored = structuredClone(collection)
    },
  }
}

function keys(collection: Collection | undefined): string[] {
  const found: string[] = []
  const walk = (items: Collection['items']): void => {
    for (const item of items) item.type === 'folder' ? walk(item.items) : found.push((item as Request).operationKey ?? '')
  }
  walk(collection?.items ?? [])
  return found.sort()
}

const ids = (event: ReviewRequiredEvent) => event.plan.items.map((item) => item.id).sort()

let service: LiveSyncService | undefined
afterEach(async () => {
  await service?.dispose()
  service = undefined
})

async function setup(document = openapi({ 'GET /pets': {}, 'DELETE /pets/{id}': {} })) {
  const source = createFakeSource().serve(SPEC, document)
  const store = memoryStore()
  service = new LiveSyncService({ loader: source, store })
  await service.addSource({ id: 'pets', name: 'Pets', type: 'openapi', url: SPEC, refreshInterval: 0 })
  const { target, state } = memoryTarget()
  service.attachTarget('pets', target, { review: true })
  return { service, source, state, store }
}

describe('attachTarget({ review: true }): review before apply', () => {
  it('a sync plans instead of writing; skipped items stay out and are offered again on the next sync', async () => {
    const { service, state } = await setup()
    const required = nextEvent(service, SyncEvents.REVIEW_REQUIRED)
    const result = await service.syncSource('pets')
    expect(result.status).toBe('success')
    const first = await required
    expect(ids(first)).toEqual(['added:DELETE /pets/{id}', 'added:GET /pets', 'collection'])
    expect(state.writes).toEqual([])
    expect(service.getPendingReview('pets')).toBe(first.plan)

    const applied = await service.applyReview('pets', first.plan.id, { 'added:GET /pets': 'accept', collection: 'accept' })
    expect(applied.skipped).toEqual(['added:DELETE /pets/{id}'])
    expect(state.writes).toHaveLength(1)
    expect(keys(state.stored)).toEqual(['GET /pets'])
    expect(service.getPendingReview('pets')).toBeUndefined()

    // The spec did not move, but a skipped item waits: the next sync offers it again.
    const again = nextEvent(service, SyncEvents.REVIEW_REQUIRED)
    await service.syncSource('pets')
    const second = await again
    expect(ids(second)).toEqual(['added:DELETE /pets/{id}'])
    await service.applyReview('pets', second.plan.id, 'accept')
    expect(keys(state.stored)).toEqual(['DELETE /pets/{id}', 'GET /pets'])

    // Everything accepted: the next sync has nothing to review and writes nothing.
    let reviews = 0
    service.on(SyncEvents.REVIEW_REQUIRED, () => reviews++)
    await service.syncSource('pets')
    expect(reviews).toBe(0)
    expect(state.writes).toHaveLength(2)
  })

  it('polls do not ask again while the spec stands still; the next change offers the skipped item with the new ones', async () => {
    const { service, source, state } = await setup()
    await service.syncSource('pets', { trigger: 'poll' })
    await service.applyReview('pets', service.getPendingReview('pets')!.id, { 'added:GET /pets': 'accept', collection: 'accept' })
    const plans: ReviewRequiredEvent[] = []
    service.on(SyncEvents.REVIEW_REQUIRED, (event) => plans.push(event))
    await service.syncSource('pets', { trigger: 'poll' })
    expect(plans).toEqual([])

    source.serve(SPEC, openapi({ 'GET /pets': {}, 'DELETE /pets/{id}': {}, 'POST /pets': {} }))
    await service.syncSource('pets', { trigger: 'poll' })
    expect(plans.map(ids)).toEqual([['added:DELETE /pets/{id}', 'added:POST /pets']])
    expect(keys(state.stored)).toEqual(['GET /pets'])
  })

  it('a plan applied after the spec moved again is refused with STALE_PLAN, nothing written; the newer plan applies', async () => {
    const { service, source, state } = await setup()
    await service.syncSource('pets')
    const old = service.getPendingReview('pets')!
    source.serve(SPEC, openapi({ 'GET /pets': {}, 'DELETE /pets/{id}': {}, 'POST /pets': {} }))
    await service.syncSource('pets')
    const newer = service.getPendingReview('pets')!
    expect(newer.id).not.toBe(old.id)

    const refused = await service.applyReview('pets', old.id, 'accept').catch((error: unknown) => error)
    expect(isStalePlanError(refused)).toBe(true)
    expect((refused as Error).message).toContain(`a newer sync replaced it with plan ${newer.id}`)
    expect(state.writes).toEqual([])

    await service.applyReview('pets', newer.id, 'accept')
    expect(keys(state.stored)).toEqual(['DELETE /pets/{id}', 'GET /pets', 'POST /pets'])
  })

  it('after a restart over the same store, skipped items are offered again and accepted ones are not', async () => {
    const { service: first, state, store } = await setup()
    await first.syncSource('pets')
    await first.applyReview('pets', first.getPendingReview('pets')!.id, { 'added:GET /pets': 'accept', collection: 'accept' })
    await first.dispose()

    const source = createFakeSource().serve(SPEC, openapi({ 'GET /pets': {}, 'DELETE /pets/{id}': {} }))
    service = new LiveSyncService({ loader: source, store })
    await service.addSource({ id: 'pets', name: 'Pets', type: 'openapi', url: SPEC, refreshInterval: 0 })
    service.attachTarget('pets', memoryTargetOver(state), { review: true })
    const again = nextEvent(service, SyncEvents.REVIEW_REQUIRED)
    await service.syncSource('pets')
    expect(ids(await again)).toEqual(['added:DELETE /pets/{id}'])
  })

  it('refuses a plan whose collection changed after it was made, without writing', async () => {
    const { service, source, state } = await setup(openapi({ 'GET /pets': {} }))
    await service.syncSource('pets')
    await service.applyReview('pets', service.getPendingReview('pets')!.id, 'accept')
    source.serve(SPEC, openapi({ 'GET /pets': {}, 'POST /pets': {} }))
    await service.syncSource('pets')
    const plan = service.getPendingReview('pets')!
    state.stored = { ...state.stored!, name: 'My pets' } // the user renamed the collection meanwhile
    const writes = state.writes.length

    const refused = await service.applyReview('pets', plan.id, 'accept').catch((error: unknown) => error)
    expect(isStalePlanError(refused)).toBe(true)
    expect((refused as Error).message).toContain('the collection changed since the plan was made')
    expect(state.writes).toHaveLength(writes)

    const fresh = nextEvent(service, SyncEvents.REVIEW_REQUIRED)
    await service.syncSource('pets')
    const { plan: next } = await fresh
    await service.applyReview('pets', next.id, 'accept')
    expect(state.stored?.name).toBe('My pets')
    expect(keys(state.stored)).toEqual(['GET /pets', 'POST /pets'])
  })

  it('dropReview forgets the plan; the next sync offers the same changes again', async () => {
    const { service, state } = await setup()
    await service.syncSource('pets')
    const plan = service.getPendingReview('pets')!
    expect(service.dropReview('pets', plan.id)).toBe(true)
    expect(service.getPendingReview('pets')).toBeUndefined()
    const again = nextEvent(service, SyncEvents.REVIEW_REQUIRED)
    await service.syncSource('pets')
    expect((await again).plan.id).toBe(plan.id)
    expect(state.writes).toEqual([])
  })

  it('writes nothing after dispose, even when dispose comes while the plan is being applied', async () => {
    const { service, state } = await setup()
    await service.syncSource('pets')
    const plan = service.getPendingReview('pets')!
    const reading = gate()
    state.holdReads = reading.promise
    const applying = service.applyReview('pets', plan.id, 'accept').catch((error: unknown) => error)
    const disposed = service.dispose()
    reading.open()
    await disposed
    expect(isDisposedError(await applying)).toBe(true)
    expect(state.writes).toEqual([])
    expect(isDisposedError(await service.applyReview('pets', plan.id, 'accept').catch((error: unknown) => error))).toBe(true)
  })

  it('a sync started while a plan is being written waits for the write before reading the collection', async () => {
    const { service, source, state } = await setup()
    await service.syncSource('pets')
    const plan = service.getPendingReview('pets')!
    const order: string[] = []
    const writing = gate()
    const { target } = { target: memoryTargetOver(state) }
    service.attachTarget('pets', {
      read: async () => (order.push('read'), target.read()),
      write: async (collection, report) => {
        order.push('write started')
        await writing.promise
        await target.write(collection, report)
        order.push('write done')
      },
    }, { review: true })
    await service.syncSource('pets') // attaching again plans afresh: same inputs, same plan id
    expect(service.getPendingReview('pets')?.id).toBe(plan.id)
    order.length = 0

    const applying = service.applyReview('pets', plan.id, 'accept')
    await vi.waitFor(() => expect(order).toEqual(['read', 'write started']))
    source.serve(SPEC, openapi({ 'GET /pets': {}, 'DELETE /pets/{id}': {}, 'POST /pets': {} }))
    const syncing = service.syncSource('pets')
    // Give the sync every chance to reach the collection while the write is held (an unguarded sync reads within a few turns).
    for (let turn = 0; turn < 50 && order.length === 2; turn++) await nextTurn()
    writing.open()
    await applying
    await syncing
    expect(order).toEqual(['read', 'write started', 'write done', 'read'])
    expect(ids({ sourceId: 'pets', plan: service.getPendingReview('pets')! })).toEqual(['added:POST /pets'])
  })

  it('a source removed while its plan is being applied gets nothing written', async () => {
    const { service, state } = await setup()
    await service.syncSource('pets')
    const plan = service.getPendingReview('pets')!
    const reading = gate()
    state.holdReads = reading.promise
    const applying = service.applyReview('pets', plan.id, 'accept').catch((error: unknown) => error)
    await Promise.resolve()
    const removed = service.removeSource('pets')
    reading.open()
    await removed
    expect(isStalePlanError(await applying)).toBe(true)
    expect(state.writes).toEqual([])
  })
})
