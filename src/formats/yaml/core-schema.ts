import { FAILSAFE_SCHEMA, Type } from 'js-yaml'

/**
 * The YAML 1.2 core schema, resolved as the `yaml` package (the parser before js-yaml) resolved it, so
 * that the switch changes no value of a real document (test/yaml-fixtures-compat.test.ts):
 * - plain scalars: null (`~`, `null`, empty), booleans (`true`/`false` in three casings), integers
 *   (decimal, `0o` octal, `0x` hex), floats (`.inf`, `.nan`, decimal, exponent); everything else
 *   is a string: `yes`/`on`, `1_000`, `0b101`, `2024-01-01` (no timestamps: OpenAPI dates are strings);
 * - `<<` is an ordinary key (merge keys are YAML 1.1, and copying keys is an amplification the
 *   alias budget would not see);
 * - a tag we do not know (`!Ref`) is dropped, leaving the node as written: a string, a list or a
 *   mapping. The old parser did the same, printing a warning; we print nothing. `!!binary`, `!!set`
 *   and `!!timestamp`, which it turned into values JSON does not have, are dropped the same way.
 */

const NULL = /^(?:~|[Nn]ull|NULL)?$/
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/
const DECIMAL = /^[-+]?[0-9]+$/
const OCTAL = /^0o[0-7]+$/
const HEX = /^0x[0-9a-fA-F]+$/
const NAN_OR_INFINITY = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/
/** The spec's float pattern; it also matches integers, which the int type, tried first, takes when untagged. */
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: unknown) => data === null || (typeof data === 'string' && NULL.test(data)),
  construct: () => null,
})

const bool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && BOOLEAN.test(data),
  construct: (data: string) => data.startsWith('t') || data.startsWith('T'),
})

const int = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && (DECIMAL.test(data) || OCTAL.test(data) || HEX.test(data)),
  construct: (data: string) => (OCTAL.test(data) ? parseInt(data.slice(2), 8) : HEX.test(data) ? parseInt(data.slice(2), 16) : parseInt(data, 10)),
})

const float = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && (FLOAT.test(data) || NAN_OR_INFINITY.test(data)),
  construct: (data: string) => {
    if (!NAN_OR_INFINITY.test(data)) return parseFloat(data)
    if (data.slice(-3).toLowerCase() === 'nan') return Number.NaN
    return data.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  },
})

/** Catch-all for tags no other type claims (a `multi` type whose empty prefix matches every tag). */
function untagged(kind: 'scalar' | 'sequence' | 'mapping', empty: () => unknown): Type {
  return new Type('', { kind, multi: true, resolve: () => true, construct: (data: unknown) => data ?? empty() })
}

export const yamlCoreSchema = FAILSAFE_SCHEMA.extend({
  implicit: [nullType, bool, int, float],
  // The scalar fallback comes first: js-yaml also uses it for a tagged node with no content (`key: !foo`).
  explicit: [untagged('scalar', () => ''), untagged('sequence', () => []), untagged('mapping', () => ({}))],
})
