/** The parts of the Postman collection v2.1 format the exporter writes (schema.getpostman.com, v2.1.0). */

/** `info.schema` of a collection v2.1 document. */
export const POSTMAN_V21_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'

/** A Postman collection v2.1 document. */
export interface PostmanCollection {
  info: { name: string; schema: string; description?: string; _postman_id?: string }
  item: PostmanItem[]
  variable?: PostmanVariable[]
  auth?: PostmanAuth | null
  event?: PostmanEvent[]
}

/** An entry of an `item` list: a folder (has `item`) or a request. */
export type PostmanItem = PostmanFolder | PostmanRequestItem

/** A folder: items plus optional description, auth and scripts. */
export interface PostmanFolder {
  id?: string
  name: string
  item: PostmanItem[]
  description?: string
  auth?: PostmanAuth | null
  event?: PostmanEvent[]
}

/** A request item: the request, its scripts (`event`) and saved responses. */
export interface PostmanRequestItem {
  id?: string
  name: string
  request: PostmanRequest
  event?: PostmanEvent[]
  response?: Array<Record<string, unknown>>
}

/** The request of a request item. */
export interface PostmanRequest {
  method: string
  header: PostmanKeyValue[]
  url: PostmanUrl
  body?: PostmanBody
  /** `null` means inherit from the parent (the default when absent, too). */
  auth?: PostmanAuth | null
  description?: string
}

/** A URL object; Postman reads `raw` and keeps the parts in step with it. */
export interface PostmanUrl {
  raw: string
  protocol?: string
  host?: string[]
  port?: string
  path?: string[]
  query?: PostmanKeyValue[]
  variable?: PostmanKeyValue[]
}

/** A header, query, path variable or form row. */
export interface PostmanKeyValue {
  key: string
  value: string
  disabled?: boolean
  description?: string
  type?: string
}

/** A request body in one of the modes the exporter writes. */
export interface PostmanBody {
  mode: 'raw' | 'urlencoded' | 'formdata' | 'file' | 'graphql'
  raw?: string
  urlencoded?: PostmanKeyValue[]
  formdata?: PostmanKeyValue[]
  /** File mode: the file to send, picked by the user (`src` unset in generated collections). */
  file?: { src?: string }
  graphql?: { query: string; variables: string }
  options?: { raw?: { language: string } }
}

/** One auth setting in v2.1's attribute-list form. */
export interface PostmanAuthAttribute {
  key: string
  value: unknown
  type: string
}

/** Auth: `type` plus that type's settings under the key of the same name. */
export interface PostmanAuth {
  type: string
  [settings: string]: string | PostmanAuthAttribute[]
}

/** A script: `prerequest` or `test`, one `exec` entry per line. */
export interface PostmanEvent {
  listen: 'prerequest' | 'test'
  script: { type: 'text/javascript'; exec: string[] }
}

/** A collection variable. */
export interface PostmanVariable {
  key: string
  value: string
  type: 'string'
  description?: string
}
