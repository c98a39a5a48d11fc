import { InvalidSpecError } from '../../errors/errors.js'

/** An InvalidSpecError whose message names the source and the problem. */
export function invalidSpec(sourceId: string, problem: string): InvalidSpecError {
  return new InvalidSpecError(`The document of source "${sourceId}" is not a valid OpenAPI document: ${problem}`, { sourceId })
}

/** A short description of a JSON value's kind, for messages: `an array`, `a string`, `null`, ... */
export function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}
