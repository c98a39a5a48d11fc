/** One request of a collection, in few words. */
export interface PostmanRequestShorthand {
  /** @default the key */
  readonly name?: string | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** A raw JSON body (an object is written as JSON). */
  readonly body?: string | object | undefined
  readonly description?: string | undefined
}

/** Options of {@link postmanCollection}. */
export interface PostmanCollectionOptions {
  /** @default 'Test collection' */
  readonly name?: string | undefined
  /** Prepended to every path as the `{{baseUrl}}` variable's value. @default 'https://api.test' */
  readonly baseUrl?: string | undefined
}

/** A plain Postman collection v2.1 (JSON-ready). */
export type PostmanCollectionDocument = { info: { name: string; schema: string }; item: unknown[]; variable: unknown[] }

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

/**
 * A small Postman collection v2.1 from a map of requests: `'GET /pets'` becomes a request named
 * `GET /pets` to `{{baseUrl}}/pets`.
 *
 * @example
 * postmanCollection({ 'GET /pets': {}, 'POST /pets': { body: { name: 'Rex' } } })
 */
export function postmanCollection(
  requests: Readonly<Record<`${string} /${string}`, PostmanRequestShorthand>>,
  options: PostmanCollectionOptions = {},
): PostmanCollectionDocument {
  const item = (Object.entries(requests) as Array<[string, PostmanRequestShorthand]>).map(([key, shorthand]) => {
    const match = /^\s*([A-Za-z]+)\s+(\/\S*)\s*$/.exec(key)
    if (match === null) throw new TypeError(`postmanCollection: "${key}" is not a request key: write it as "METHOD /path", e.g. "GET /pets"`)
    const request: Record<string, unknown> = {
      method: match[1]!.toUpperCase(),
      header: Object.entries(shorthand.headers ?? {}).map(([name, value]) => ({ key: name, value })),
      url: `{{baseUrl}}${match[2]!}`,
    }
    if (shorthand.description !== undefined) request.description = shorthand.description
    if (shorthand.body !== undefined) {
      const raw = typeof shorthand.body === 'string' ? shorthand.body : JSON.stringify(shorthand.body, null, 2)
      request.body = { mode: 'raw', raw, options: { raw: { language: 'json' } } }
    }
    return { name: shorthand.name ?? key.trim(), request }
  })
  return {
    info: { name: options.name ?? 'Test collection', schema: SCHEMA },
    item,
    variable: [{ key: 'baseUrl', value: options.baseUrl ?? 'https://api.test' }],
  }
}
