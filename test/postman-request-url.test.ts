import { describe, expect, it } from 'vitest'
import { fromPostmanCollection } from '../src/collections/postman.js'
import type { Request } from '../src/model/collection.js'
import { postmanFormat } from '../src/formats/postman/index.js'
import { readRequestUrl } from '../src/formats/postman/request-url.js'

// Issue 10 defect 3: one reader of a Postman request URL, used by the diff and by fromPostmanCollection.

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

/** A collection of one GET request with the given `url`. */
function collectionWith(url: unknown) {
  return { info: { name: 'C', schema: SCHEMA }, item: [{ name: 'The request', request: { method: 'GET', url } }] }
}

async function diffKeyOf(url: unknown): Promise<string | undefined> {
  const { snapshot } = await postmanFormat.normalize(JSON.stringify(collectionWith(url)), { sourceId: 'postman-url' })
  return snapshot.operations[0]?.key
}

function collectionUrlOf(url: unknown): string {
  return (fromPostmanCollection(collectionWith(url)).items[0] as Request).url
}

describe('a request whose raw URL disagrees with its structured parts (issue 10 defect 3)', () => {
  const url = { raw: '{{baseUrl}}/old/path', host: ['{{baseUrl}}'], path: ['new', 'path'] }

  it('is keyed by the diff from the structured parts', async () => {
    expect(await diffKeyOf(url)).toBe('GET /new/path')
  })

  it('is read by fromPostmanCollection from the structured parts too, as Postman sends it', () => {
    expect(collectionUrlOf(url)).toBe('{{baseUrl}}/new/path')
  })
})

describe('readRequestUrl', () => {
  it('takes each structured part over raw, and raw for the parts that are missing', () => {
    expect(readRequestUrl({ raw: 'https://old.example.com/a?x=1', path: ['b'] })).toEqual({
      server: 'https://old.example.com',
      path: '/b',
      segments: ['b'],
      query: [{ key: 'x', value: '1', disabled: false }],
      variables: [],
    })
    expect(readRequestUrl({ raw: '{{baseUrl}}/a', host: ['api', 'example', 'com'], protocol: 'https', port: '8443' })).toMatchObject({
      server: 'https://api.example.com:8443',
      path: '/a',
    })
  })

  it('keeps the path as written (trailing slash, a base URL variable glued to the path) beside its segments', () => {
    expect(readRequestUrl({ host: ['{{baseUrl}}'], path: ['users', ''] })).toMatchObject({ path: '/users/', segments: ['users'] })
    expect(readRequestUrl('{{baseUrl}}v1/customers')).toMatchObject({ server: '{{baseUrl}}', path: 'v1/customers', segments: ['v1', 'customers'] })
  })

  it('reads the fragment from hash, else from raw', () => {
    expect(readRequestUrl('{{baseUrl}}/a#top').hash).toBe('top')
    expect(readRequestUrl({ raw: '{{baseUrl}}/a#top', hash: 'bottom' }).hash).toBe('bottom')
    expect(readRequestUrl('{{baseUrl}}/a').hash).toBeUndefined()
  })

  it('gives the diff and fromPostmanCollection the same path for raw-only, string and structured-only URLs', async () => {
    const cases: Array<[unknown, string, string]> = [
      ['{{baseUrl}}/pets/:id', 'GET /pets/{id}', '{{baseUrl}}/pets/{id}'],
      [{ raw: 'https://api.example.com/v1/pets' }, 'GET /v1/pets', 'https://api.example.com/v1/pets'],
      [{ protocol: 'https', host: ['api', 'example', 'com'], path: ['v1', 'pets'] }, 'GET /v1/pets', 'https://api.example.com/v1/pets'],
    ]
    for (const [url, key, neutral] of cases) {
      expect(await diffKeyOf(url)).toBe(key)
      expect(collectionUrlOf(url)).toBe(neutral)
    }
  })
})
