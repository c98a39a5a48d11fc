import { describe, expect, it } from 'vitest'
import { generateCollection } from '../src/collections/generate.js'
import { op, snapshot } from './helpers/snapshot-builder.js'

// Issue 13 item 7: `watch --out` fills `baseUrl` with the source's origin when the spec names no server.

describe('generateCollection({ defaultBaseUrl })', () => {
  it('uses it when the snapshot has no servers, and the spec’s server otherwise', () => {
    const operations = [op('GET', '/pets')]
    expect(generateCollection(snapshot({ operations }), { defaultBaseUrl: 'http://127.0.0.1:8000' }).variables).toEqual({ baseUrl: 'http://127.0.0.1:8000' })
    expect(generateCollection(snapshot({ operations, servers: ['https://api.example.com'] }), { defaultBaseUrl: 'http://127.0.0.1:8000' }).variables).toEqual({
      baseUrl: 'https://api.example.com',
    })
    expect(generateCollection(snapshot({ operations })).variables).toEqual({ baseUrl: '' })
  })
})
