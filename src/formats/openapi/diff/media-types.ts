import type { MediaTypeSpec } from '../../../model/snapshot.js'
import { makeChange, type OperationChanges } from './operation-changes.js'
import type { Direction } from './schema/types.js'
import { sameJson } from './schema/node.js'

/**
 * Compares one media type present on both sides: its schema (in the given direction), its
 * example, and any other field the normalizer keeps (examples, encoding) as documentation.
 */
export function compareMediaType(before: MediaTypeSpec, after: MediaTypeSpec, direction: Direction, location: string[], changes: OperationChanges): void {
  const was = before as unknown as Record<string, unknown>
  const is = after as unknown as Record<string, unknown>
  const prefix = direction === 'request' ? 'request' : 'response'
  for (const field of new Set([...Object.keys(was), ...Object.keys(is)])) {
    if (field === 'schema' || sameJson(was[field], is[field])) continue
    const kind = field === 'example' || field === 'examples' ? `${prefix}-example-changed` : `${prefix}-media-type-${kebab(field)}-changed`
    changes.addChange(makeChange(changes.operation, kind, 'info', [...location, field], 'changed', { before: was[field], after: is[field] }))
  }
  changes.compareSchemas(before.schema, after.schema, direction, [...location, 'schema'], 'schema-')
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
}
