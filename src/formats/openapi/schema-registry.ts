import type { SchemaNode } from '../../model/snapshot.js'

/** A normalized schema of the snapshot with the schema pointers it references directly. */
export interface RegisteredSchema {
  node: SchemaNode
  refs: ReadonlySet<string>
}

/**
 * The snapshot's `schemas`: component schemas plus every other `$ref` target used as a schema,
 * each under its pointer. Targets are queued when first referenced and normalized one at a time
 * by a work loop, so reference chains never turn into recursion.
 */
export class SchemaRegistry {
  readonly #known = new Set<string>()
  readonly #queue: Array<{ pointer: string; raw: unknown }> = []
  #nextIndex = 0
  readonly #done = new Map<string, RegisteredSchema>()

  /** True once a pointer was queued or found missing: it needs no further lookup. */
  isKnown(pointer: string): boolean {
    return this.#known.has(pointer)
  }

  /** Queues a raw schema for normalization under `pointer` (first call wins). */
  enqueue(pointer: string, raw: unknown): void {
    if (this.#known.has(pointer)) return
    this.#known.add(pointer)
    this.#queue.push({ pointer, raw })
  }

  /** Remembers a pointer that resolves to nothing, so it is looked up (and warned about) once. */
  markMissing(pointer: string): void {
    this.#known.add(pointer)
  }

  /** Next schema waiting for normalization, in queue order. */
  next(): { pointer: string; raw: unknown } | undefined {
    const item = this.#queue[this.#nextIndex]
    if (item !== undefined) this.#nextIndex++
    return item
  }

  /** Stores a normalized schema. */
  set(pointer: string, schema: RegisteredSchema): void {
    this.#done.set(pointer, schema)
  }

  /** Normalized schemas, sorted by pointer. */
  sortedEntries(): Array<[string, RegisteredSchema]> {
    return [...this.#done].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }
}
