import { describe, expect, it, vi } from 'vitest'
import { applySeverityOverrides, parseSeverityOverrides } from '../src/diff/severity-overrides.js'
import type { Change, ChangeSet } from '../src/model/change.js'
import { InvalidConfigError } from '../src/errors/errors.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { ApiSnapshot } from '../src/model/snapshot.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { content } from './helpers/fake-loader.js'
import { createTestService, sourceConfig } from './helpers/service.js'

// Web Crypto's digest runs on the thread pool: use the same hash synchronously.
vi.mock('../src/formats/hash.js', async (importOriginal) => (await import('./helpers/sync-sha256.js')).withSyncSha256(importOriginal))

/** One document with a response enum and a path parameter; `v2` adds an enum value and removes an operation. */
function petsDocument(version: 'v1' | 'v2'): string {
  const status = { type: 'string', enum: version === 'v1' ? ['available', 'sold'] : ['available', 'sold', 'pending'] }
  const pet = { type: 'object', properties: { name: { type: 'string' }, status } }
  const get = { responses: { '200': { description: 'ok', content: { 'application/json': { schema: pet } } } } }
  const paths: Record<string, object> = { '/pets/{id}': { get: { ...get, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] } } }
  if (version === 'v1') paths['/pets'] = { delete: { responses: { '204': { description: 'gone' } } } }
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths })
}

async function snapshotOf(text: string): Promise<ApiSnapshot> {
  const { snapshot } = await openapiFormat.normalize(text, { sourceId: 'overrides' })
  return { ...snapshot, fingerprint: text.length.toString() }
}

async function petsDiff(): Promise<ChangeSet> {
  return openapiFormat.diff(await snapshotOf(petsDocument('v1')), await snapshotOf(petsDocument('v2')))
}

const kindsAndSeverities = (changes: readonly Change[]) => changes.map((change) => `${change.kind}:${change.severity}`)

describe('applySeverityOverrides', () => {
  it('sets the severity of each overridden kind and re-sorts, counts and decides breaking again', async () => {
    const original = await petsDiff()
    expect(kindsAndSeverities(original.changes)).toEqual(['operation-removed:breaking', 'schema-property-enum-value-added:warning'])
    const result = applySeverityOverrides(original, { 'operation-removed': 'info', 'schema-property-enum-value-added': 'breaking' })
    expect(kindsAndSeverities(result.changes)).toEqual(['schema-property-enum-value-added:breaking', 'operation-removed:info'])
    expect(result.summary).toMatchObject({ breaking: 1, warning: 0, info: 1 })
    expect(result.breaking).toBe(true)
    expect(kindsAndSeverities(result.modified[0]!.changes)).toEqual(['schema-property-enum-value-added:breaking'])
    // Pure: the input is unchanged, and the per-operation view refers to the same records as `changes`.
    expect(kindsAndSeverities(original.changes)).toEqual(['operation-removed:breaking', 'schema-property-enum-value-added:warning'])
    expect(result.modified[0]!.changes[0]).toBe(result.changes[0])
  })

  it('can turn the only breaking change into info, so the set is no longer breaking', async () => {
    const result = applySeverityOverrides(await petsDiff(), { 'operation-removed': 'info' })
    expect(result.breaking).toBe(false)
    expect(result.summary).toMatchObject({ breaking: 0, warning: 1, info: 1 })
  })

  it('drops the per-operation severities of a shared-component change: one level for the kind', () => {
    const change: Change = {
      kind: 'schema-property-type-changed',
      severity: 'breaking',
      location: ['properties', 'id'],
      message: 'type changed',
      component: '#/components/schemas/Pet',
      operations: [
        { operation: 'GET /pets', location: ['responses'] },
        { operation: 'POST /pets', location: ['requestBody'], severity: 'info' },
      ],
    }
    const changeSet: ChangeSet = {
      added: [],
      removed: [],
      modified: [],
      changes: [change],
      breaking: true,
      summary: { added: 0, removed: 0, modified: 0, breaking: 1, warning: 0, info: 0, operations: 0 },
    }
    const result = applySeverityOverrides(changeSet, { 'schema-property-type-changed': 'warning' })
    expect(result.changes[0]).toMatchObject({ severity: 'warning', operations: [{ operation: 'GET /pets' }, { operation: 'POST /pets' }] })
    expect(result.changes[0]!.operations![1]).not.toHaveProperty('severity')
  })

  it('returns the change set as it is without overrides', async () => {
    const original = await petsDiff()
    expect(applySeverityOverrides(original, {})).toBe(original)
  })
})

describe('parseSeverityOverrides', () => {
  it('accepts known kinds, schema variants included, at a valid level', () => {
    expect(parseSeverityOverrides({ 'schema-property-enum-value-added': 'info', 'response-header-maximum-removed': 'warning' })).toEqual({
      'schema-property-enum-value-added': 'info',
      'response-header-maximum-removed': 'warning',
    })
  })

  it('names an unknown kind and a bad level in an INVALID_CONFIG error', () => {
    const error = (() => {
      try {
        parseSeverityOverrides({ 'no-such-rule': 'info', 'operation-removed': 'critical' })
      } catch (caught) {
        return caught
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(InvalidConfigError)
    expect((error as InvalidConfigError).code).toBe('INVALID_CONFIG')
    expect((error as InvalidConfigError).message).toContain("unknown rule kind 'no-such-rule'")
    expect((error as InvalidConfigError).issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['severityOverrides.no-such-rule', 'severityOverrides.operation-removed']),
    )
    expect((error as InvalidConfigError).message).toContain('must be breaking, warning or info')
  })
})

describe('the diff option', () => {
  it('a format diff applies severityOverrides', async () => {
    const before = await snapshotOf(petsDocument('v1'))
    const after = await snapshotOf(petsDocument('v2'))
    const result = openapiFormat.diff(before, after, { severityOverrides: { 'schema-property-enum-value-added': 'info' } })
    expect(kindsAndSeverities(result.changes)).toEqual(['operation-removed:breaking', 'schema-property-enum-value-added:info'])
    expect(result.summary).toMatchObject({ breaking: 1, warning: 0, info: 1 })
  })

  it('rejects an unknown kind', async () => {
    const before = await snapshotOf(petsDocument('v1'))
    expect(() => openapiFormat.diff(before, before, { severityOverrides: { 'not-a-kind': 'info' } })).toThrow(InvalidConfigError)
  })
})

describe('the service option', () => {
  it('reports every sync with the overridden severities', async () => {
    const { service, loader } = createTestService({ severityOverrides: { 'operation-removed': 'warning' } })
    const config = sourceConfig()
    loader.script(config.id, content(petsDocument('v1')), content(petsDocument('v2')))
    await service.addSource(config)
    await service.syncSource(config.id)
    const result = await service.syncSource(config.id)
    expect(kindsAndSeverities(result.changes!.changes)).toEqual(['operation-removed:warning', 'schema-property-enum-value-added:warning'])
    expect(result.changes!.breaking).toBe(false)
    expect(result.changes!.summary).toMatchObject({ breaking: 0, warning: 2 })
  })

  it('refuses an unknown kind or level with INVALID_CONFIG naming it', () => {
    expect(() => new LiveSyncService({ severityOverrides: { 'operation-vanished': 'info' } })).toThrow(/severityOverrides\.operation-vanished: unknown rule kind 'operation-vanished'/)
    expect(() => new LiveSyncService({ severityOverrides: { 'operation-removed': 'fatal' as 'info' } })).toThrow(InvalidConfigError)
  })
})

