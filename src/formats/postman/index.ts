import type { ApiSnapshot, NormalizedDocument } from '../../model/snapshot.js'
import type { DiffOptions } from '../../model/change.js'
import type { ParseContext, SpecFormat } from '../types.js'
import { withDiffOptions } from '../../diff/severity-overrides.js'
import type { ChangeSet } from '../../model/change.js'
import { diffCollections } from './diff/diff-collection.js'
import { normalizeCollection } from './normalize-collection.js'

/**
 * Postman collections (v2.0 and v2.1) as API definition sources: each request is an operation
 * keyed `"METHOD /path"`, its folder path kept, requests sharing a method and path kept apart.
 */
export const postmanFormat: SpecFormat = {
  type: 'postman',
  // async so that a thrown ParseError / InvalidSpecError reaches the caller as a rejection.
  async normalize(text: string, context: ParseContext): Promise<NormalizedDocument> {
    return normalizeCollection(text, context)
  },
  diff(before: ApiSnapshot, after: ApiSnapshot, options?: DiffOptions): ChangeSet {
    return withDiffOptions(diffCollections(before, after), options)
  },
}
