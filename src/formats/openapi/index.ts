import { diffOpenApiSteps } from './diff/index.js'
import { stepwiseDiff } from '../stepwise-diff.js'
import { withDiffOptions } from '../../diff/severity-overrides.js'
import type { SpecFormat } from '../types.js'
import type { ApiSnapshot } from '../../model/snapshot.js'
import type { ChangeSet, DiffOptions } from '../../model/change.js'
import type { Steps } from '../../runtime/steps.js'
import { normalizeOpenApi } from './normalize.js'

export { normalizeOpenApi, normalizeParsedOpenApi } from './normalize.js'
export { operationIdentity } from '../../shared/operation-identity.js'

/** The OpenAPI format: Swagger 2.0, OpenAPI 3.0.x and 3.1.x documents, JSON or YAML. */
export const openapiFormat: SpecFormat = {
  type: 'openapi',
  async normalize(text, context) {
    return normalizeOpenApi(text, context)
  },
  diff: /* @__PURE__ */ stepwiseDiff(openapiDiffSteps),
}

function* openapiDiffSteps(before: ApiSnapshot, after: ApiSnapshot, options?: DiffOptions): Steps<ChangeSet> {
  const { changeSet } = yield* diffOpenApiSteps(before, after)
  return withDiffOptions(changeSet, options)
}
