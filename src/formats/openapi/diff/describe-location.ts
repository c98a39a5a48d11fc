/**
 * Turns a change location into words for messages:
 * `['requestBody','content','application/json','schema','properties','name']` reads
 * "request body (application/json) property 'name'".
 */
export function describeLocation(location: readonly string[]): string {
  // Read by index rather than destructured: this runs for every distinct change location.
  const head = location[0]
  switch (head) {
    case 'parameters':
      return `${location[1] ?? ''} parameter '${location[2] ?? ''}'${describeSchemaPath(location, 3)}`
    case 'requestBody':
      return `request body${describeContent(location, 1)}`
    case 'responses': {
      const status = location[1]
      const section = location[2]
      if (section === 'headers') return `response ${status ?? ''} header '${location[3] ?? ''}'${describeSchemaPath(location, 4)}`
      return `response ${status ?? ''}${section === undefined ? '' : describeContent(location, 2)}`
    }
    case 'security':
      return location.length > 1 ? `security scheme '${location[1]}'` : 'security'
    case undefined:
      return ''
    default:
      return location.join('.')
  }
}

/** `['content', mediaType, 'schema', ...]` from `start` as "(mediaType) property 'x'". */
function describeContent(location: readonly string[], start: number): string {
  const mediaType = location[start + 1]
  if (location[start] !== 'content' || mediaType === undefined) return ''
  const part = location[start + 2]
  if (part === 'schema') return ` (${mediaType})${describeSchemaPath(location, start + 3)}`
  return part === undefined ? ` (${mediaType})` : ` (${mediaType}) ${part}`
}

/** A schema path as a property path: `properties/a/items/properties/b` reads "property 'a[].b'" (segments from `start`). */
export function describeSchemaPath(segments: readonly string[], start = 0): string {
  let label = ''
  for (let index = start; index < segments.length; index++) {
    const segment = segments[index]!
    const next = segments[index + 1]
    if (segment === 'properties' && next !== undefined) {
      label += (label === '' ? '' : '.') + next
      index++
    } else if (segment === 'items') {
      label += '[]'
    } else if (segment === 'additionalProperties') {
      label += '{}'
    } else if ((segment === 'prefixItems' || segment === 'oneOf' || segment === 'anyOf' || segment === 'allOf') && next !== undefined) {
      label += segment === 'prefixItems' ? `[${next}]` : `<${segment} #${Number(next) + 1}>`
      index++
    } else {
      label += `/${segment}`
    }
  }
  return label === '' ? '' : ` property '${label}'`
}
