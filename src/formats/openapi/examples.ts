import { canonicalValue } from './canonical-value.js'
import type { NormalizeContext } from './context.js'
import { remembered } from './memo.js'
import { isRecord, type JsonObject, setOwn, sortedKeys } from './own.js'
import { resolveReference } from './refs.js'

/**
 * Normalizes an OpenAPI 3 `examples` map (name to Example Object): `$ref`s to
 * `#/components/examples/...` are resolved in place; example values are kept as written.
 * Undefined when there is no map.
 */
export function normalizeExamples(raw: unknown, context: NormalizeContext, where: string): JsonObject | undefined {
  if (!isRecord(raw)) return undefined
  const examples: JsonObject = {}
  for (const name of sortedKeys(raw)) {
    const resolved = resolveReference(raw[name], context, () => `Example "${name}" of ${where}`)
    if (resolved === undefined) continue
    const example = remembered(context, 'example', resolved.value, () => ({
      value: canonicalValue(resolved.value, 1),
      refs: new Set<string>(),
    }))
    setOwn(examples, name, example.value)
  }
  return examples
}
