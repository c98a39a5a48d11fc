import { describe, expect, it } from 'vitest'
import { diffOpenApi } from '../src/formats/openapi/diff/index.js'
import type { SecurityRequirement, SecuritySchemeSpec } from '../src/model/snapshot.js'
import { kindsOf, onlyChange } from './helpers/diff-assertions.js'
import { op, snapshot } from './helpers/snapshot-builder.js'

const schemes: Record<string, SecuritySchemeSpec> = {
  apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
  oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth/token', scopes: { read: '', write: '' } } } },
  basic: { type: 'http', scheme: 'basic' },
}

function diffSecurity(before: SecurityRequirement[] | undefined, after: SecurityRequirement[] | undefined, afterSchemes = schemes) {
  const build = (security: SecurityRequirement[] | undefined, securitySchemes: Record<string, SecuritySchemeSpec>) =>
    snapshot({ operations: [op('get', '/pets', security === undefined ? {} : { security })], securitySchemes })
  return diffOpenApi(build(before, schemes), build(after, afterSchemes))
}

describe('OpenAPI rules: security', () => {
  it('requiring authentication where none was needed is breaking', () => {
    const result = diffSecurity(undefined, [{ apiKey: [] }])
    expect(onlyChange(result, 'security-added')).toMatchObject({ severity: 'breaking', operation: 'GET /pets', location: ['security'] })
  })

  it('dropping authentication entirely is info', () => {
    expect(kindsOf(diffSecurity([{ apiKey: [] }], []))).toEqual(['security-removed:info'])
  })

  it('a new alternative is info, a removed alternative breaking', () => {
    expect(kindsOf(diffSecurity([{ apiKey: [] }], [{ apiKey: [] }, { basic: [] }]))).toEqual(['security-alternative-added:info'])
    expect(onlyChange(diffSecurity([{ apiKey: [] }, { basic: [] }], [{ apiKey: [] }]), 'security-alternative-removed')).toMatchObject({
      severity: 'breaking',
      before: 'basic',
    })
  })

  it('needing one more scheme together is breaking, needing one fewer info', () => {
    expect(kindsOf(diffSecurity([{ apiKey: [] }], [{ apiKey: [], basic: [] }]))).toEqual(['security-requirement-tightened:breaking'])
    expect(kindsOf(diffSecurity([{ apiKey: [], basic: [] }], [{ apiKey: [] }]))).toEqual(['security-requirement-relaxed:info'])
  })

  it('an added scope is breaking, a removed scope info', () => {
    const result = diffSecurity([{ oauth: ['read', 'write'] }], [{ oauth: ['read', 'admin'] }])
    expect(kindsOf(result)).toEqual(['security-scope-added:breaking', 'security-scope-removed:info'])
    expect(onlyChange(result, 'security-scope-added')).toMatchObject({ location: ['security', 'oauth'], after: 'admin' })
  })

  it('nothing breaks while anonymous access stays possible', () => {
    expect(kindsOf(diffSecurity([{}, { apiKey: [] }], [{}, { basic: [] }]))).toEqual([
      'security-alternative-added:info',
      'security-alternative-removed:info',
    ])
  })

  it('a used scheme that now sends credentials differently is breaking', () => {
    const moved = { ...schemes, apiKey: { type: 'apiKey', in: 'query', name: 'key' } }
    const result = diffSecurity([{ apiKey: [] }], [{ apiKey: [] }], moved)
    expect(onlyChange(result, 'security-scheme-changed')).toMatchObject({ severity: 'breaking', operation: 'GET /pets' })
    expect(onlyChange(result, 'security-scheme-definition-changed').operation).toBeUndefined()
  })
})

describe('OpenAPI rules: servers', () => {
  it('server changes are document-level: removed a warning, added info', () => {
    const before = snapshot({ operations: [op('get', '/pets')], servers: ['https://api.example.com/v1'] })
    const after = snapshot({ operations: [op('get', '/pets')], servers: ['https://api.example.com/v2'] })
    const result = diffOpenApi(before, after)
    expect(kindsOf(result)).toEqual(['server-added:info', 'server-removed:warning'])
    const removed = onlyChange(result, 'server-removed')
    expect(removed.operation).toBeUndefined()
    expect(removed).toMatchObject({ location: ['servers'], before: 'https://api.example.com/v1' })
    expect(result.modified).toEqual([])
  })
})
