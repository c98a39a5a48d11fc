// The same guarantees as types.test-d.ts, checked on the PUBLISHED declarations: `api-live-sync`,
// `api-live-sync/node` and `api-live-sync/testing` resolve through package.json `exports` to dist/*.d.ts, as in a user's project.
// A declaration build that widened a payload to `any` or split a type in two would fail here.
import {
  LiveSyncService,
  SyncEvents,
  isNetworkError,
  liveSourceConfigSchema,
  parseSourceConfig,
  type ChangeSet,
  type LiveSourceConfig,
  type LiveSourceConfigInput,
  type LiveSyncError,
  type LiveSyncServiceOptions,
  type NetworkError,
  type SyncEventPayloads,
  type SyncResult,
  type SyncStatus,
} from 'api-live-sync'
import { createFileWatcher, createNodeLoader, fileStore } from 'api-live-sync/node'
import { createFakeSource, createTestClock, nextEvent, type FakeRequest } from 'api-live-sync/testing'
import type { z } from 'zod'
import { describe, expectTypeOf, it } from 'vitest'

describe('event payloads from the built declarations', () => {
  const service = new LiveSyncService()

  it('infers each payload from the event name, enum member or string', () => {
    service.on(SyncEvents.CHANGES_DETECTED, (event) => {
      expectTypeOf(event.sourceId).toEqualTypeOf<string>()
      expectTypeOf(event.changes).toEqualTypeOf<ChangeSet>()
      expectTypeOf(event.changes.added[0]!.key).toEqualTypeOf<string>()
    })
    service.on('changes:detected', (event) => expectTypeOf(event.changes).toEqualTypeOf<ChangeSet>())
    service.on(SyncEvents.SYNC_FAILED, (result) => {
      expectTypeOf(result).toEqualTypeOf<SyncResult>()
      expectTypeOf(result.error).toEqualTypeOf<LiveSyncError | undefined>()
    })
    service.on(SyncEvents.SOURCE_ADDED, (event) => expectTypeOf(event.config).toEqualTypeOf<LiveSourceConfig>())
    service.on(SyncEvents.STATUS_CHANGED, (status) => expectTypeOf(status.status).toEqualTypeOf<SyncStatus['status']>())
    service.once(SyncEvents.SYNC_PROGRESS, (event) => expectTypeOf(event.loadedBytes).toEqualTypeOf<number>())
    const onRetry = (event: SyncEventPayloads['sync:retry']) => expectTypeOf(event.error).toEqualTypeOf<LiveSyncError>()
    service.on(SyncEvents.SYNC_RETRY, onRetry).off(SyncEvents.SYNC_RETRY, onRetry)
  })

  it('keys the payload map by the enum values, not by anything else', () => {
    expectTypeOf<SyncEventPayloads[SyncEvents.SYNC_COMPLETED]>().toEqualTypeOf<SyncResult>()
    expectTypeOf<`${SyncEvents}`>().toEqualTypeOf<keyof SyncEventPayloads>()
    // @ts-expect-error a listener of the wrong payload type is refused
    service.on(SyncEvents.CHANGES_DETECTED, (result: SyncResult) => void result)
    // @ts-expect-error not an event of the service
    service.on('changes:maybe', () => {})
  })
})

describe('config types from the zod schema, as published', () => {
  it('are the schema input and output', () => {
    expectTypeOf<LiveSourceConfigInput>().toEqualTypeOf<z.input<typeof liveSourceConfigSchema>>()
    expectTypeOf<LiveSourceConfig>().toEqualTypeOf<z.output<typeof liveSourceConfigSchema>>()
    expectTypeOf(parseSourceConfig).returns.toEqualTypeOf<LiveSourceConfig>()
    expectTypeOf<LiveSourceConfig['refreshInterval']>().toEqualTypeOf<number>()
    expectTypeOf<LiveSourceConfigInput['enabled']>().toEqualTypeOf<boolean | undefined>()
  })

  it('types addSource with the input type', () => {
    expectTypeOf<Parameters<LiveSyncService['addSource']>[0]>().toEqualTypeOf<LiveSourceConfigInput>()
    // @ts-expect-error name is required
    void new LiveSyncService().addSource({ id: 'a', type: 'openapi', url: 'https://x.test/o.json', refreshInterval: 0 })
  })
})

describe('the two entries share their types', () => {
  it('lets the node entry plug into the main entry options', () => {
    expectTypeOf(createNodeLoader()).toExtend<NonNullable<LiveSyncServiceOptions['loader']>>()
    expectTypeOf(createFileWatcher()).toExtend<NonNullable<LiveSyncServiceOptions['watcher']>>()
    expectTypeOf(fileStore('state')).toExtend<NonNullable<LiveSyncServiceOptions['store']>>()
  })

  it('narrows errors with the guards', () => {
    const error: unknown = undefined
    if (isNetworkError(error)) expectTypeOf(error).toEqualTypeOf<NetworkError>()
  })
})

describe('the testing entry shares the main entry types', () => {
  it('plugs its fake source and clock into the service options, and types nextEvent by event name', () => {
    expectTypeOf(createFakeSource()).toExtend<NonNullable<LiveSyncServiceOptions['loader']>>()
    expectTypeOf(createTestClock()).toExtend<NonNullable<LiveSyncServiceOptions['clock']>>()
    expectTypeOf(nextEvent(new LiveSyncService(), 'sync:failed')).toEqualTypeOf<Promise<SyncResult>>()
    expectTypeOf(nextEvent(new LiveSyncService(), 'changes:detected')).resolves.toEqualTypeOf<SyncEventPayloads['changes:detected']>()
    expectTypeOf<FakeRequest['attempt']>().toEqualTypeOf<number | undefined>()
    // @ts-expect-error an unknown event name
    void nextEvent(new LiveSyncService(), 'sync:done')
  })
})
