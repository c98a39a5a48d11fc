import type { LiveSourceConfig } from '../../src/config/config.js'
import type { LoadRequest, LoadResult, SourceLoader } from '../../src/model/loader.js'

type Step = LoadResult | Error | ((request: LoadRequest) => Promise<LoadResult>)

/** A loader driven by the test: per source, a script of results, errors or custom behaviours. */
export class FakeLoader implements SourceLoader {
  readonly calls: Array<{ sourceId: string; request: LoadRequest }> = []
  readonly #scripts = new Map<string, Step[]>()
  readonly #fallback = new Map<string, Step>()
  active = 0
  maxActive = 0

  /** Queues steps for a source; the last step repeats once the queue is used up. */
  script(sourceId: string, ...steps: Step[]): this {
    const queue = this.#scripts.get(sourceId) ?? []
    queue.push(...steps)
    this.#scripts.set(sourceId, queue)
    return this
  }

  async load(source: LiveSourceConfig, request: LoadRequest): Promise<LoadResult> {
    this.calls.push({ sourceId: source.id, request })
    const queue = this.#scripts.get(source.id) ?? []
    const step = queue.length > 0 ? queue.shift()! : this.#fallback.get(source.id)
    if (step === undefined) throw new Error(`FakeLoader: nothing scripted for ${source.id}`)
    this.#fallback.set(source.id, step)
    this.active++
    this.maxActive = Math.max(this.maxActive, this.active)
    try {
      if (step instanceof Error) throw step
      if (typeof step === 'function') return await step(request)
      return step
    } finally {
      this.active--
    }
  }

  callsFor(sourceId: string): number {
    return this.calls.filter((call) => call.sourceId === sourceId).length
  }
}

/** A loader step that never settles on its own: it rejects with the abort reason when the signal aborts. */
export function hang(): (request: LoadRequest) => Promise<LoadResult> {
  return (request) =>
    new Promise((_resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true })
    })
}

/** A step that resolves with `result` after `ms` of (fake) time. */
export function after(ms: number, result: LoadResult): (request: LoadRequest) => Promise<LoadResult> {
  return (request) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(result), ms)
      request.signal.addEventListener('abort', () => {
        clearTimeout(timer)
        reject(request.signal.reason)
      }, { once: true })
    })
}

/** A minimal OpenAPI 3.0 document with the given operations (`"get /pets"` ...). */
export function openapiDoc(operations: Record<string, Record<string, unknown>>, info: { title?: string; version?: string } = {}): string {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [key, operation] of Object.entries(operations)) {
    const [method, path] = key.split(' ') as [string, string]
    paths[path] = { ...(paths[path] ?? {}), [method.toLowerCase()]: { responses: { '200': { description: 'ok' } }, ...operation } }
  }
  return JSON.stringify({ openapi: '3.0.3', info: { title: info.title ?? 'Test API', version: info.version ?? '1.0.0' }, paths })
}

export function content(text: string, extra: Partial<{ etag: string; lastModified: string; contentType: string }> = {}): LoadResult {
  return { content: text, contentType: extra.contentType ?? 'application/json', etag: extra.etag, lastModified: extra.lastModified }
}
