import { canonicalJson } from '../hash.js'
import { compareText } from '../../shared/compare-text.js'
import type { ParameterLocation, ParameterSpec } from '../../model/snapshot.js'
import type { PathTemplate } from './path-template.js'
import type { KeyValueEntry } from './request-url.js'
import { isSecretName } from './secret-names.js'

const LOCATION_ORDER: Record<ParameterLocation, number> = { path: 0, query: 1, header: 2, cookie: 3, argument: 4 }

/**
 * The parameters of a request: its path variables (required), query rows and headers (optional;
 * disabled rows are kept and flagged because collections use them for optional parameters).
 * Sorted by location and name so reordering rows in Postman is not a change.
 */
export function buildParameters(
  template: PathTemplate,
  parts: { variables: readonly KeyValueEntry[]; query: readonly KeyValueEntry[]; headers: readonly KeyValueEntry[] },
): ParameterSpec[] {
  const parameters = [
    ...pathParameters(template, parts.variables),
    ...parts.query.map((row) => rowParameter(row, 'query')),
    ...parts.headers.map((row) => rowParameter(row, 'header')),
  ]
  // Rows with the same name (`tag=a&tag=b`) are ordered by content; serializing only on a tie keeps this cheap.
  return parameters.sort((a, b) => compareParameters(a, b) || compareText(canonicalJson(a), canonicalJson(b)))
}

/** One parameter per distinct name in the path, described by its `url.variable` row when there is one. */
function pathParameters(template: PathTemplate, variables: readonly KeyValueEntry[]): ParameterSpec[] {
  const names = [...new Set(template.parameters)]
  return names.map((name) => {
    const declared = variables.find((variable) => variable.key === name)
    const optional: OptionalFields = {}
    if (declared?.description !== undefined) optional.description = declared.description
    if (declared?.value !== undefined && declared.value !== '') optional.example = declared.value
    return withRequiredFields(optional, 'path', name, true)
  })
}

function rowParameter(row: KeyValueEntry, location: 'query' | 'header'): ParameterSpec {
  const optional: OptionalFields = {}
  if (row.description !== undefined) optional.description = row.description
  if (row.disabled) optional.disabled = true
  if (row.value !== undefined && row.value !== '' && !isSecretName(row.key)) optional.example = row.value
  return withRequiredFields(optional, location, row.key, false)
}

type OptionalFields = Omit<ParameterSpec, 'in' | 'name' | 'required'>

/**
 * Adds `in`, `name` and `required` after the optional fields, which all sort before them: every
 * object of an operation gets its keys in sorted order (see buildOperation). Assignment, not
 * spreading, keeps the objects fast to build and to serialize.
 */
function withRequiredFields(optional: OptionalFields, location: ParameterSpec['in'], name: string, required: boolean): ParameterSpec {
  const parameter = optional as ParameterSpec
  parameter.in = location
  parameter.name = name
  parameter.required = required
  return parameter
}

function compareParameters(a: ParameterSpec, b: ParameterSpec): number {
  return LOCATION_ORDER[a.in] - LOCATION_ORDER[b.in] || compareText(parameterKey(a), parameterKey(b))
}

/** Header names are case-insensitive; every other name is compared as written. */
export function parameterKey(parameter: Pick<ParameterSpec, 'name' | 'in'>): string {
  return parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name
}
