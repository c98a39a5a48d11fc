import { describe, expect, it } from 'vitest'
import { SyncEvents } from '../src/events/events.js'
import { isDisposedError, isDuplicateSourceError, isInvalidConfigError, isSourceNotFoundError, type InvalidConfigError } from '../src/errors/errors.js'
import { createTestService, recordEvents, sourceConfig } from './helpers/service.js'
import { content, openapiDoc } from './helpers/fake-loader.js'
import { rejectionOf } from './helpers/promises.js'

describe('addSource validation', () => {
  it('rejects a bad config with INVALID_CONFIG naming every bad field, registers nothing and emits nothing', async () => {
    const { service } = createTestService()
    const events = recordEvents(service)
    const error = (await rejectionOf(
      service.addSource({ id: '', name: 'x', type: 'soap', url: 'ftp://host/spec', refreshInterval: 10 } as never),
    )) as InvalidConfigError
    expect(isInvalidConfigError(error)).toBe(true)
    expect(error.code).toBe('INVALID_CONFIG')
    const fields = error.issues.map((issue) => issue.path)
    expect(fields).toEqual(expect.arrayContaining(['id', 'type', 'url', 'refreshInterval']))
    for (const field of ['id', 'type', 'url', 'refreshInterval']) expect(error.message).toContain(field)
    expect(service.getAllSourceStatuses()).toEqual([])
    expect(events).toEqual([])
  })

  it('rejects unknown keys', async () => {
    const { service } = createTestService()
    const error = (await rejectionOf(service.addSource({ ...sourceConfig(), pollEvery: 5 } as never))) as InvalidConfigError
    expect(error.code).toBe('INVALID_CONFIG')
    expect(error.message).toContain('pollEvery')
  })

  it('requires exactly one of url and filePath', async () => {
    const { service } = createTestService()
    const neither = sourceConfig()
    delete (neither as { url?: string }).url
    const both = { ...sourceConfig(), filePath: '/tmp/spec.json' }
    expect(((await rejectionOf(service.addSource(neither))) as InvalidConfigError).issues[0]?.path).toBe('url')
    expect(((await rejectionOf(service.addSource(both))) as InvalidConfigError).issues[0]?.path).toBe('filePath')
  })

  it('accepts refreshInterval 0 or at least 1000 ms and defaults enabled to true', async () => {
    const { service } = createTestService()
    const manual = sourceConfig({ refreshInterval: 0 })
    await service.addSource(manual)
    await service.addSource(sourceConfig({ refreshInterval: 1000 }))
    expect(service.getSourceStatus(manual.id).enabled).toBe(true)
    expect(isInvalidConfigError(await rejectionOf(service.addSource(sourceConfig({ refreshInterval: 999 }))))).toBe(true)
    expect(isInvalidConfigError(await rejectionOf(service.addSource(sourceConfig({ refreshInterval: -5 }))))).toBe(true)
  })

  it('rejects a duplicate id with DUPLICATE_SOURCE and keeps the first config', async () => {
    const { service } = createTestService()
    const config = sourceConfig()
    await service.addSource(config)
    const error = await rejectionOf(service.addSource({ ...config, name: 'Other' }))
    expect(isDuplicateSourceError(error)).toBe(true)
    expect(service.getSourceStatus(config.id).name).toBe(config.name)
  })

  it('validates service options and names the bad option', () => {
    expect(() => createTestService({ concurrency: 0 })).toThrow(/concurrency/)
    expect(() => createTestService({ retry: { retries: -1 } })).toThrow(/retry\.retries/)
  })
})

describe('registry events and secrets', () => {
  it('emits source:added with header values and URL credentials removed', async () => {
    const { service } = createTestService()
    const events = recordEvents(service)
    const config = sourceConfig({ url: 'https://alice:hunter2@api.example.test/openapi.json', headers: { Authorization: 'Bearer s3cret' } })
    await service.addSource(config)
    expect(events.map((entry) => entry.event)).toEqual([SyncEvents.SOURCE_ADDED, SyncEvents.STATUS_CHANGED])
    const text = JSON.stringify(events)
    expect(text).not.toContain('s3cret')
    expect(text).not.toContain('hunter2')
    expect(text).toContain('Authorization')
    expect(JSON.stringify(service.getSourceStatus(config.id))).not.toContain('s3cret')
  })

  it('updateSource replaces the config, emits source:updated, and rejects unknown ids', async () => {
    const { service } = createTestService()
    const config = sourceConfig()
    await service.addSource(config)
    const events = recordEvents(service)
    await service.updateSource({ ...config, name: 'Renamed' })
    expect(service.getSourceStatus(config.id).name).toBe('Renamed')
    expect(events[0]?.event).toBe(SyncEvents.SOURCE_UPDATED)
    expect(isSourceNotFoundError(await rejectionOf(service.updateSource(sourceConfig())))).toBe(true)
    expect(isInvalidConfigError(await rejectionOf(service.updateSource({ ...config, refreshInterval: 1 })))).toBe(true)
    expect(service.getSourceStatus(config.id).name).toBe('Renamed')
  })

  it('removeSource unregisters and emits source:removed; unknown ids reject with SOURCE_NOT_FOUND', async () => {
    const { service } = createTestService()
    const config = sourceConfig()
    await service.addSource(config)
    const events = recordEvents(service)
    await service.removeSource(config.id)
    expect(events.map((entry) => entry.event)).toEqual([SyncEvents.SOURCE_REMOVED])
    expect(() => service.getSourceStatus(config.id)).toThrow(expect.objectContaining({ code: 'SOURCE_NOT_FOUND' }))
    expect(isSourceNotFoundError(await rejectionOf(service.removeSource(config.id)))).toBe(true)
    expect(isSourceNotFoundError(await rejectionOf(service.syncSource(config.id)))).toBe(true)
    expect(() => service.getSnapshot(config.id)).toThrow(/not registered/)
  })

  it('reports a pending status before the first sync', async () => {
    const { service } = createTestService()
    const config = sourceConfig()
    await service.addSource(config)
    expect(service.getSourceStatus(config.id)).toEqual({
      sourceId: config.id,
      name: config.name,
      status: 'pending',
      syncing: false,
      enabled: true,
      lastSync: null,
      lastSuccess: null,
      nextSync: null,
      changesDetected: false,
      consecutiveFailures: 0,
      fingerprint: null,
    })
  })

  it('a disposed service rejects every call with DISPOSED', async () => {
    const { service, loader } = createTestService()
    const config = sourceConfig()
    loader.script(config.id, content(openapiDoc({ 'get /a': {} })))
    await service.addSource(config)
    await service.dispose()
    await service.dispose()
    expect(isDisposedError(await rejectionOf(service.syncSource(config.id)))).toBe(true)
    expect(isDisposedError(await rejectionOf(service.addSource(sourceConfig())))).toBe(true)
    expect(isDisposedError(await rejectionOf(service.syncAllSources()))).toBe(true)
    expect(() => service.start()).toThrow(/disposed/)
  })
})
