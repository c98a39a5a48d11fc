/**
 * The neutral collection model (DESIGN.md, "Collections"): what any API client can map to its own
 * format. Generated from a snapshot, merged three ways, written as Postman or Hoppscotch JSON.
 */

/** A whole collection: a tree of folders and requests plus collection variables. */
export interface Collection {
  name: string
  items: CollectionItem[]
  /** Collection variables by name; generated collections hold `baseUrl`. */
  variables?: Record<string, string>
  /** What to put in a variable, by variable name (Postman's variable `description`). */
  variableDescriptions?: Record<string, string>
  /** Collection-level description (Postman `info.description`), kept so hand edits survive a sync. */
  description?: string
  /** Collection-level auth that requests with `{ type: 'inherit' }` use (Postman's collection auth). */
  auth?: Auth
  /** Collection-level scripts (Postman collection `event`s). */
  scripts?: Scripts
  /** Postman's collection id (`info._postman_id`), kept so a re-imported export updates the same collection. */
  postmanId?: string
}

/** A folder or a request. */
export type CollectionItem = Folder | Request

/** A folder of requests and folders. */
export interface Folder {
  type: 'folder'
  id: string
  name: string
  items: CollectionItem[]
  /** Folder description, kept from clients that have one (Postman). */
  description?: string
  /** Folder-level auth, kept from clients that have one (Postman). */
  auth?: Auth
  /** Folder-level scripts, kept from clients that have one (Postman). */
  scripts?: Scripts
}

/** One request. */
export interface Request {
  type: 'request'
  id: string
  name: string
  /** `"GET /users/{id}"` when generated from a spec; absent on requests the user created. */
  operationKey?: string
  method: string
  /** `"{{baseUrl}}/users/{id}"`: path parameters as `{name}`, query parameters in `params`, never in the URL. */
  url: string
  /** Query parameters. */
  params: KeyValue[]
  /**
   * Values and descriptions of the url's `{name}` path parameters, one row per name (Postman's
   * path variables); a parameter without a row is sent as its placeholder.
   */
  pathVariables?: KeyValue[]
  headers: KeyValue[]
  body?: RequestBody
  auth?: Auth
  scripts?: Scripts
  description?: string
  deprecated?: boolean
  /** Saved example responses exactly as the client stored them (Postman `response[]` items); user-owned. */
  examples?: Array<Record<string, unknown>>
}

/** A query parameter, header or variable row. */
export interface KeyValue {
  key: string
  value: string
  enabled: boolean
  description?: string
}

/** A request body as text in one media type. */
export interface RequestBody {
  mediaType: string
  text: string
}

/**
 * Auth settings: `type` is `'inherit' | 'none' | 'bearer' | 'basic' | 'apikey' | 'oauth2' | ...`;
 * settings use Postman's names (`token`; `username`, `password`; `key`, `value`, `in`;
 * `grant_type`, `authUrl`, `accessTokenUrl`, `scope`, ...), so every client can map them.
 */
export interface Auth {
  type: string
  [setting: string]: unknown
}

/** User scripts run around a request. */
export interface Scripts {
  preRequest?: string
  test?: string
}

/** What `mergeCollection` does when the user and the spec both changed one field. */
export type ConflictStrategy = 'prefer-user' | 'prefer-spec' | 'manual'

/** What `mergeCollection` does with requests whose operation left the spec. */
export type RemovedStrategy = 'mark' | 'delete' | 'keep'

/** A field that both the user and the spec changed since the base. */
export interface MergeConflict {
  /** Operation key of the request (the incoming key); `''` for collection-level fields (`name`, `variables.baseUrl`). */
  operationKey: string
  /** `name`, `method`, `url`, `body`, `body.text`, `auth`, `params.limit`, `params.limit.value`, `headers.X-Id.enabled`, ... */
  field: string
  /** Value at the base; `undefined` when absent. */
  base: unknown
  /** The user's value (in `current`); `undefined` when the user removed it. */
  user: unknown
  /** The spec's value (in `incoming`); `undefined` when the spec removed it. */
  spec: unknown
  /** How it was resolved: the `onConflict` strategy that applied (`'manual'` keeps the user's value). */
  resolution: ConflictStrategy
}

/** What a merge did. Every list is empty after merging a collection with itself. */
export interface MergeReport {
  /** Operation keys of requests added for new operations. */
  added: string[]
  /** Operation keys of existing requests the spec changed (the new key after a rename). */
  updated: string[]
  /** Operation keys of operations that left the spec (the request was marked, deleted or kept per `onRemoved`). */
  removed: string[]
  conflicts: MergeConflict[]
  /** For each updated operation key, the fields that changed (same names as `MergeConflict.field`). */
  updatedFields: Record<string, string[]>
  /** Operations that moved to another path or method and were updated in place. */
  renamed: OperationRename[]
}

/** One operation that moved: its key before and after. */
export interface OperationRename {
  from: string
  to: string
}

/** Options of `generateCollection`. */
export interface GenerateCollectionOptions {
  /** Collection name. @default the snapshot's title */
  name?: string
  /** Name of the collection variable that holds the server URL. @default 'baseUrl' */
  baseUrlVariable?: string
  /**
   * Value of the base URL variable when the snapshot names no server (FastAPI's default, GraphQL
   * always), e.g. the origin the spec was fetched from. @default ''
   */
  defaultBaseUrl?: string
}

/** Input of `mergeCollection`. */
export interface MergeCollectionOptions {
  /** The collection generated from the last synced spec. */
  base: Collection
  /** The user's collection, possibly edited since `base`. */
  current: Collection
  /** The collection generated from the new spec. */
  incoming: Collection
  /** @default 'prefer-user' */
  onConflict?: ConflictStrategy
  /** @default 'mark' */
  onRemoved?: RemovedStrategy
  /**
   * Operations that moved (the diff's `ChangeSet.renamed`, as keys): the request of `from` is
   * updated in place to `to`.
   */
  renames?: readonly OperationRename[]
}

/** Output of `mergeCollection`. */
export interface MergeResult {
  collection: Collection
  report: MergeReport
}
