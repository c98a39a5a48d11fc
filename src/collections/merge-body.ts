import type { RequestBody } from '../model/collection.js'
import type { FieldMerger } from './three-way.js'
import { sameJson } from './values.js'

/**
 * Three-way merge of a request body. The media type belongs to the spec: it follows the spec
 * whenever the spec changed it. The text follows the spec unless the user edited it, in which case
 * the user's text is kept (a conflict on `body.text` when the spec's example changed too). The
 * merge never empties a body: an empty example from the spec leaves the user's text in place.
 * A body only one side added or removed follows the usual three-way rule (conflict on `body`).
 */
export function mergeBody(merger: FieldMerger, base: RequestBody | undefined, user: RequestBody | undefined, spec: RequestBody | undefined): RequestBody | undefined {
  if (base === undefined || user === undefined || spec === undefined) {
    // Both sides added a body since the base: the user's stands.
    if (base === undefined && user !== undefined && spec !== undefined) return user
    return merger.merge('body', base, user, spec, sameJson)
  }
  const mediaType = spec.mediaType !== base.mediaType ? spec.mediaType : user.mediaType
  if (mediaType !== user.mediaType) merger.markChanged('body.mediaType')
  // An empty example is no example: it never replaces text the user has.
  const specText = spec.text === '' && user.text !== '' ? user.text : spec.text
  const text = merger.merge('body.text', base.text, user.text, specText) ?? user.text
  return { mediaType, text }
}
