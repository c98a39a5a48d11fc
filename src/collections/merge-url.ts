import type { FieldMerger } from './three-way.js'
import { fillPathTemplate, matchPathTemplate, pathParameterNames, splitUrl } from './url-parts.js'

/**
 * Three-way merge of a request URL. The path template belongs to the spec; the server part
 * (`{{baseUrl}}` swapped for a real host), values typed into path parameters (`/users/42`) and a
 * query string belong to the user. So when the user only did those things, a renamed path still
 * follows the spec and keeps them: `/users/42` with the spec moving `/users/{id}` to
 * `/people/{id}` gives `/people/42` (values carry over by parameter name, else by position).
 * A user who rewrote the path itself and a spec that changed it too is a conflict on `url`.
 */
export function mergeUrl(merger: FieldMerger, base: string, user: string, spec: string): string {
  if (user === base || spec === base || user === spec) return merger.merge('url', base, user, spec) ?? user
  const baseParts = splitUrl(base)
  const userParts = splitUrl(user)
  const specParts = splitUrl(spec)
  const values = matchPathTemplate(baseParts.path, userParts.path)
  if (values === undefined) return merger.conflict('url', base, user, spec) ?? user
  const baseNames = pathParameterNames(baseParts.path)
  const typed = new Map<string, string>()
  baseNames.forEach((name, index) => {
    const value = values[index]
    // A parameter left as `{name}` was not filled in; the spec's own placeholder stands.
    if (value !== undefined && value !== `{${name}}`) typed.set(name, value)
  })
  const specNames = pathParameterNames(specParts.path)
  const filled = specNames.map((name, index) => (typed.has(name) ? typed.get(name) : baseNames.includes(name) ? undefined : typed.get(baseNames[index] ?? '')))
  const origin = userParts.origin !== baseParts.origin ? userParts.origin : specParts.origin
  const merged = origin + fillPathTemplate(specParts.path, filled) + userParts.suffix
  if (merged !== user) merger.markChanged('url')
  return merged
}
