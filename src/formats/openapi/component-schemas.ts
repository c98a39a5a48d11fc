import type { NormalizeContext } from './context.js'
import { atLocation } from './nesting.js'
import { getOwn, isRecord, sortedKeys } from './own.js'
import { formatFragmentPointer } from './pointer.js'
import { normalizeSchemaNode } from './schema.js'

/**
 * Queues every component schema (OpenAPI 3 `components.schemas`, Swagger 2.0 `definitions`)
 * under `#/components/schemas/Name`, whether or not an operation uses it.
 */
export function registerComponentSchemas(context: NormalizeContext): void {
  const components = getOwn(context.root, 'components')
  const raw =
    context.family === '2.0'
      ? getOwn(context.root, 'definitions')
      : isRecord(components)
        ? getOwn(components, 'schemas')
        : undefined
  if (!isRecord(raw)) return
  for (const name of sortedKeys(raw)) {
    context.schemas.enqueue(formatFragmentPointer(['components', 'schemas', name]), raw[name])
  }
}

/**
 * Normalizes queued schemas until none is left; normalizing one can queue the targets of its
 * `$ref`s, so reference chains of any length are followed without recursion.
 */
export function drainSchemaQueue(context: NormalizeContext): void {
  for (let item = context.schemas.next(); item !== undefined; item = context.schemas.next()) {
    const { pointer, raw } = item
    const refs = new Set<string>()
    const node = atLocation(pointer, () => normalizeSchemaNode(raw, context, refs))
    if (node === undefined) {
      context.warnings.add(`${pointer} is not a schema (found ${raw === null ? 'null' : typeof raw}) and is ignored`)
      continue
    }
    context.schemas.set(pointer, { node, refs })
  }
}
