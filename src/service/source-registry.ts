import type { Source } from './source.js'

/** The registered sources, in registration order. */
export class SourceRegistry {
  readonly #sources = new Map<string, Source>()

  has(sourceId: string): boolean {
    return this.#sources.has(sourceId)
  }

  get(sourceId: string): Source | undefined {
    return this.#sources.get(sourceId)
  }

  /** Whether `source` is the one registered under its id (not a removed one whose id was added again). */
  holds(source: Source): boolean {
    return this.#sources.get(source.id) === source
  }

  add(source: Source): void {
    this.#sources.set(source.id, source)
  }

  delete(sourceId: string): boolean {
    return this.#sources.delete(sourceId)
  }

  list(): Source[] {
    return [...this.#sources.values()]
  }

  get size(): number {
    return this.#sources.size
  }
}
