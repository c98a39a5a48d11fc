import { describe, expectTypeOf, it } from 'vitest'
import type * as z from 'zod'
import { liveSourceConfigSchema } from '../src/config/config.js'
import {
  LiveSyncService,
  SyncEvents,
  type ChangeSet,
  type LiveSourceConfig,
  type LiveSourceConfigInput,
  type LiveSyncError,
  type AppliedPlan,
  type MergePlan,
  type PlanItemKind,
  type SyncResult,
  type SyncStatus,
} from '../src/index.js'

describe('event payloads are inferred from the event name', () => {
  const service = new LiveSyncService()
  it('types each payload', () => {
    service.on(SyncEvents.SYNC_COMPLETED, (result) => expectTypeOf(result).toEqualTypeOf<SyncResult>())
    service.on(SyncEvents.SYNC_FAILED, (result) => expectTypeOf(result.error).toEqualTypeOf<LiveSyncError | undefined>())
    service.on(SyncEvents.CHANGES_DETECTED, (event) => expectTypeOf(event.changes).toEqualTypeOf<ChangeSet>())
    service.on(SyncEvents.SYNC_STARTED, (event) => expectTypeOf(event.trigger).toEqualTypeOf<'manual' | 'poll' | 'watch'>())
    service.on(SyncEvents.SYNC_RETRY, (event) => {
      expectTypeOf(event.attempt).toEqualTypeOf<number>()
      expectTypeOf(event.delayMs).toEqualTypeOf<number>()
    })
    service.on(SyncEvents.STATUS_CHANGED, (status) => expectTypeOf(status).toEqualTypeOf<SyncStatus>())
    service.once(SyncEvents.SOURCE_REMOVED, (event) => expectTypeOf(event).toEqualTypeOf<{ sourceId: string }>())
    service.on(SyncEvents.REVIEW_REQUIRED, (event) => {
      expectTypeOf(event.plan).toEqualTypeOf<MergePlan>()
      expectTypeOf(event.plan.items[0]!.kind).toEqualTypeOf<PlanItemKind>()
      expectTypeOf(service.applyReview(event.sourceId, event.plan.id, { [event.plan.items[0]!.id]: 'accept' })).toEqualTypeOf<Promise<AppliedPlan>>()
      // @ts-expect-error a decision is 'accept' or 'skip'
      void service.applyReview(event.sourceId, event.plan.id, { x: 'maybe' })
    })
  })
  it('accepts the string names too and rejects unknown events', () => {
    service.on('sync:completed', (result) => expectTypeOf(result).toEqualTypeOf<SyncResult>())
    // @ts-expect-error not an event of the service
    service.on('sync:exploded', () => {})
  })
})

describe('config types come from the zod schema', () => {
  it('makes enabled optional on input and present on output', () => {
    expectTypeOf<LiveSourceConfigInput['enabled']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<LiveSourceConfig['enabled']>().toEqualTypeOf<boolean>()
    expectTypeOf<LiveSourceConfig['type']>().toEqualTypeOf<'openapi' | 'graphql' | 'postman'>()
    expectTypeOf<LiveSourceConfig['headers']>().toEqualTypeOf<Record<string, string> | undefined>()
  })
  it('keeps the model\'s LiveSourceConfig (src/model, imports nothing) equal to what the schema outputs', () => {
    expectTypeOf<z.output<typeof liveSourceConfigSchema>>().toEqualTypeOf<LiveSourceConfig>()
  })
  it('rejects a config with a wrong type at compile time', () => {
    const service = new LiveSyncService()
    // @ts-expect-error type must be one of the three formats
    void service.addSource({ id: 'a', name: 'A', type: 'soap', url: 'http://x', refreshInterval: 0 })
  })
})
