// The collection tools: the neutral model, generation from a snapshot, three-way merge, exporters.

export type { Collection, CollectionItem, Folder, Request, KeyValue, RequestBody, Auth, Scripts, ConflictStrategy, RemovedStrategy, MergeConflict, MergeReport, OperationRename, GenerateCollectionOptions, MergeCollectionOptions, MergeResult } from '../model/collection.js'
export { generateCollection, generateRequest } from './generate.js'
export { mergeCollection } from './merge.js'
export { planMerge } from './plan.js'
export type { MergePlan, PlanItem, PlanItemKind, PlanRemoval, PlanInputs } from '../model/merge-plan.js'
export type { PlanMergeOptions } from './plan.js'
export { applyPlan } from './apply-plan.js'
export type { AppliedPlan, PlanDecision, PlanDecisions } from './apply-plan.js'
// The canonical identity of an operation key (`GET /users/{id}` -> `GET /users/{}`): one rule for the diff and the merge.
export { keyIdentity as operationIdentity } from '../shared/operation-identity.js'
export { toPostmanCollection, fromPostmanCollection } from './postman.js'
export type {
  PostmanCollection,
  PostmanItem,
  PostmanFolder,
  PostmanRequestItem,
  PostmanRequest,
  PostmanUrl,
  PostmanKeyValue,
  PostmanBody,
  PostmanAuth,
  PostmanEvent,
  PostmanVariable,
} from './postman-types.js'
export { toHoppscotchCollection, toHoppscotchEnvironment, HOPPSCOTCH_COLLECTION_VERSION, HOPPSCOTCH_REQUEST_VERSION } from './hoppscotch.js'
export type { HoppscotchCollection, HoppscotchEnvironment, HoppscotchRequest, HoppscotchKeyValue, HoppscotchAuth, HoppscotchBody } from './hoppscotch.js'
