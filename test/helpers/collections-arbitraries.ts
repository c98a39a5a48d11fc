import fc from 'fast-check'
import type { Auth, Collection, CollectionItem, Folder, KeyValue, Request, Scripts } from '../../src/collections/index.js'

/**
 * fast-check arbitraries for neutral collections, covering every field of the model. Limits of the
 * Postman mapping the generated values respect (each documented in postman.ts / postman-url.ts):
 * URLs hold no query string or fragment (query parameters live in `params`) and no path segment
 * starting with `:` (Postman's path variable syntax); `inherit` and `none` auth carry no settings.
 */

const text = fc.string({ maxLength: 12 })
const multiline = fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }).map((lines) => lines.join('\n'))
const identifier = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/)

const keyValue: fc.Arbitrary<KeyValue> = fc.record(
  { key: text, value: text, enabled: fc.boolean(), description: text },
  { requiredKeys: ['key', 'value', 'enabled'] },
)

const pathSegment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,8}$/),
  identifier.map((name) => `{${name}}`),
  identifier.map((name) => `{{${name}}}`),
  identifier.map((name) => `{${name}}.json`),
)

const origin = fc.constantFrom('{{baseUrl}}', 'https://api.example.com', 'http://localhost:8080', '{{host}}:{{port}}', '')

const url = fc
  .tuple(origin, fc.array(pathSegment, { maxLength: 4 }))
  .map(([start, segments]) => (segments.length === 0 && start !== '' ? start : `${start}/${segments.join('/')}`))

const jsonScalar = fc.oneof(text, fc.integer(), fc.boolean())

const auth: fc.Arbitrary<Auth> = fc.oneof(
  fc.constantFrom<Auth>({ type: 'inherit' }, { type: 'none' }),
  fc
    .tuple(fc.constantFrom('bearer', 'basic', 'apikey', 'oauth2', 'digest', 'hawk'), fc.dictionary(identifier.filter((key) => key !== 'type'), jsonScalar, { maxKeys: 4 }))
    .map(([type, settings]) => ({ ...settings, type })),
)

const scripts: fc.Arbitrary<Scripts> = fc.record({ preRequest: multiline, test: multiline }, { requiredKeys: [] })

const mediaType = fc.constantFrom(
  'application/json',
  'application/vnd.api+json',
  'application/xml',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/octet-stream',
  'application/json; charset=utf-8',
)

const bodyText = fc.oneof(text, fc.constantFrom('', 'a=1&b=two%20words', '{"a": [1, 2]}', '<x>1</x>', 'k=%7B%7Bv%7D%7D&x={{y}}'))

const request: fc.Arbitrary<Request> = fc
  .record(
    {
      name: text,
      operationKey: fc.tuple(fc.constantFrom('GET', 'POST', 'QUERY'), url).map(([method, path]) => `${method} ${path}`),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
      url,
      params: fc.array(keyValue, { maxLength: 3 }),
      headers: fc.array(keyValue, { maxLength: 3 }),
      body: fc.record({ mediaType, text: bodyText }),
      auth,
      scripts,
      description: multiline,
      deprecated: fc.boolean(),
      examples: fc.array(fc.record({ name: text, code: fc.integer({ min: 100, max: 599 }), body: text }), { maxLength: 2 }),
    },
    { requiredKeys: ['name', 'method', 'url', 'params', 'headers'] },
  )
  .map((fields) => ({ type: 'request' as const, id: '', ...fields }))

const folderFields = fc.record({ name: text, description: multiline, auth, scripts }, { requiredKeys: ['name'] })

const { tree } = fc.letrec<{ tree: CollectionItem[]; item: CollectionItem }>((tie) => ({
  tree: fc.array(tie('item'), { maxLength: 4 }),
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    request,
    fc.tuple(folderFields, tie('tree')).map(([fields, items]): Folder => ({ type: 'folder', id: '', ...fields, items })),
  ),
}))

/** Collections with unique ids (as every reader and writer expects). */
export const collectionArbitrary: fc.Arbitrary<Collection> = fc
  .record(
    {
      name: text,
      items: tree,
      variables: fc.dictionary(identifier, text, { maxKeys: 3 }),
      description: multiline,
      auth,
      scripts,
    },
    { requiredKeys: ['name', 'items'] },
  )
  .map((collection) => {
    let counter = 0
    const assignIds = (items: CollectionItem[]): void => {
      for (const item of items) {
        item.id = `${item.type}-${++counter}`
        if (item.type === 'folder') assignIds(item.items)
      }
    }
    assignIds(collection.items)
    return collection
  })
