import { describe, expect, it } from 'vitest'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import { kindsOf, onlyChange } from './helpers/diff-assertions.js'
import { op, param, snapshot } from './helpers/snapshot-builder.js'

describe('OpenAPI rules: operations', () => {
  it('reports an added operation as info and lists it in added', () => {
    const before = snapshot({ operations: [op('get', '/pets')] })
    const after = snapshot({ operations: [op('get', '/pets'), op('post', '/pets')] })
    const result = diffOpenApi(before, after)
    expect(result.added.map((ref) => ref.key)).toEqual(['POST /pets'])
    expect(onlyChange(result, 'operation-added')).toMatchObject({ severity: 'info', operation: 'POST /pets' })
    expect(result.breaking).toBe(false)
  })

  it('reports a removed operation as breaking', () => {
    const before = snapshot({ operations: [op('get', '/pets'), op('delete', '/pets/{id}')] })
    const after = snapshot({ operations: [op('get', '/pets')] })
    const result = diffOpenApi(before, after)
    expect(result.removed.map((ref) => ref.key)).toEqual(['DELETE /pets/{id}'])
    expect(onlyChange(result, 'operation-removed').severity).toBe('breaking')
    expect(result.summary).toEqual({ added: 0, removed: 1, modified: 0, breaking: 1, warning: 0, info: 0, operations: 1 })
  })

  it('reports deprecation and reactivation as info', () => {
    const before = snapshot({ operations: [op('get', '/a'), op('get', '/b', { deprecated: true })] })
    const after = snapshot({ operations: [op('get', '/a', { deprecated: true }), op('get', '/b')] })
    const result = diffOpenApi(before, after)
    expect(onlyChange(result, 'operation-deprecated')).toMatchObject({ severity: 'info', operation: 'GET /a', message: 'GET /a was deprecated' })
    expect(onlyChange(result, 'operation-reactivated')).toMatchObject({ severity: 'info', operation: 'GET /b' })
  })

  it('pairs an operation whose path changed by its unique operationId: one modified operation', () => {
    const before = snapshot({ operations: [op('get', '/pets', { operationId: 'listPets' })] })
    const after = snapshot({ operations: [op('get', '/animals', { operationId: 'listPets' })] })
    const result = diffOpenApi(before, after)
    expect(result.added).toEqual([])
    expect(result.removed).toEqual([])
    expect(result.modified.map((entry) => entry.operation.key)).toEqual(['GET /animals'])
    expect(onlyChange(result, 'operation-path-changed')).toMatchObject({
      severity: 'breaking',
      operation: 'GET /animals',
      before: 'GET /pets',
      after: 'GET /animals',
    })
  })

  it('pairs an operation whose method changed by its unique operationId', () => {
    const before = snapshot({ operations: [op('put', '/pets/{id}', { operationId: 'updatePet' })] })
    const after = snapshot({ operations: [op('patch', '/pets/{id}', { operationId: 'updatePet' })] })
    const result = diffOpenApi(before, after)
    expect(kindsOf(result)).toEqual(['operation-method-changed:breaking'])
    expect(result.modified).toHaveLength(1)
  })

  it('never pairs by a duplicated operationId or by an equal summary', () => {
    const before = snapshot({
      operations: [op('get', '/a', { operationId: 'dup', summary: 'Same' }), op('get', '/b', { operationId: 'dup' })],
    })
    const after = snapshot({
      operations: [op('get', '/c', { operationId: 'dup', summary: 'Same' }), op('get', '/d', { operationId: 'other', summary: 'Same' })],
    })
    const result = diffOpenApi(before, after)
    expect(result.modified).toEqual([])
    expect(result.removed.map((ref) => ref.key)).toEqual(['GET /a', 'GET /b'])
    expect(result.added.map((ref) => ref.key)).toEqual(['GET /c', 'GET /d'])
  })

  it('treats a renamed path parameter as an info change of the same operation', () => {
    const before = snapshot({ operations: [op('get', '/pets/{petId}', { parameters: [param('petId', 'path')] })] })
    const after = snapshot({ operations: [op('get', '/pets/{id}', { parameters: [param('id', 'path')] })] })
    const result = diffOpenApi(before, after)
    expect(result.added).toEqual([])
    expect(result.removed).toEqual([])
    expect(kindsOf(result)).toEqual(['path-parameter-renamed:info'])
    expect(onlyChange(result, 'path-parameter-renamed')).toMatchObject({
      operation: 'GET /pets/{id}',
      location: ['parameters', 'path', 'id'],
      before: 'petId',
      after: 'id',
    })
  })

  it('reports a renamed path parameter even when the operation hash ignores parameter names', () => {
    const before = snapshot({ operations: [op('get', '/pets/{petId}', { parameters: [param('petId', 'path')] })] })
    const after = snapshot({ operations: [op('get', '/pets/{id}', { parameters: [param('id', 'path')] })] })
    after.operations[0]!.hash = before.operations[0]!.hash
    const result = diffOpenApi(before, after)
    expect(result.modified.map((entry) => entry.operation.key)).toEqual(['GET /pets/{id}'])
    expect(kindsOf(result)).toEqual(['path-parameter-renamed:info'])
  })
})

describe('OpenAPI rules: metadata', () => {
  it('reports summary, description, operationId and tag edits as info', () => {
    const before = snapshot({ operations: [op('get', '/pets', { summary: 'List', description: 'Old', operationId: 'list', tags: ['pets'] })] })
    const after = snapshot({ operations: [op('get', '/pets', { summary: 'List pets', operationId: 'listPets', tags: ['animals'] })] })
    const result = diffOpenApi(before, after)
    expect(kindsOf(result)).toEqual([
      'operation-description-removed:info',
      'operation-id-changed:info',
      'operation-summary-changed:info',
      'operation-tag-added:info',
      'operation-tag-removed:info',
    ])
    expect(onlyChange(result, 'operation-id-changed')).toMatchObject({ before: 'list', after: 'listPets' })
    expect(onlyChange(result, 'operation-summary-changed').message).toBe('GET /pets summary was changed')
  })

  it('reports the document title and version as document-level info', () => {
    const before = snapshot({ operations: [], title: 'Pets', version: '1.0.0' })
    const after = snapshot({ operations: [], title: 'Pets API', version: '1.1.0' })
    const result = diffOpenApi(before, after)
    const version = onlyChange(result, 'api-version-changed')
    expect(version).toMatchObject({ severity: 'info', before: '1.0.0', after: '1.1.0', location: ['info', 'version'] })
    expect(version.operation).toBeUndefined()
    expect(onlyChange(result, 'api-title-changed').severity).toBe('info')
  })

  it('reports nothing for identical snapshots', () => {
    const build = () => snapshot({ operations: [op('get', '/pets', { summary: 'List' })], servers: ['https://a'] })
    const result = diffOpenApi(build(), build())
    expect(result.changes).toEqual([])
    expect(result.modified).toEqual([])
  })
})
