import type { Severity } from '../model/change.js'

/** The formats whose diff reports a rule. */
export type RuleFormat = 'openapi' | 'graphql' | 'postman'

/** What a rule looks at. */
export type RuleFamily =
  | 'operation'
  | 'parameter'
  | 'request-body'
  | 'response'
  | 'schema'
  | 'security'
  | 'document'
  | 'type'
  | 'field'
  | 'directive'

/** One rule of the diff: a change `kind` and how it is judged. */
export interface RuleEntry {
  /** The rule id as it appears in `Change.kind`; for schema rules, its `schema-<facet>` form (see `variants`). */
  kind: string
  /**
   * The most severe level the rule reports. Many rules depend on the direction data flows
   * (a narrowed value breaks requests, a widened one responses): `reason` says when it is lower.
   */
  severity: Severity
  family: RuleFamily
  formats: readonly RuleFormat[]
  /** Why the rule is as severe as it is, in one line. */
  reason: string
  /** A message the rule reports. */
  example: string
  /**
   * Schema rules only: every kind the rule is reported under. A schema finding's kind says where
   * the schema sits (`schema-` in a body or a shared component, `request-parameter-`,
   * `response-header-`) and whether it was found below the schema's root (`property-`).
   */
  variants?: readonly string[]
}

type Row = readonly [kind: string, severity: Severity, family: RuleFamily, formats: readonly RuleFormat[], reason: string, example: string]

const O: readonly RuleFormat[] = ['openapi']
const G: readonly RuleFormat[] = ['graphql']
const P: readonly RuleFormat[] = ['postman']
const OP: readonly RuleFormat[] = ['openapi', 'postman']
const ALL: readonly RuleFormat[] = ['openapi', 'graphql', 'postman']

/** Rules reported under their own kind. */
const RULES: readonly Row[] = [
  // Operations
  ['operation-added', 'info', 'operation', ALL, 'A new operation breaks no existing client.', 'GET /pets was added'],
  ['operation-removed', 'breaking', 'operation', ALL, 'Clients calling it get an error.', 'GET /pets was removed'],
  ['operation-path-changed', 'breaking', 'operation', O, 'The operation moved (same operationId at another path, or a trailing slash added or dropped): clients still call the old URL.', 'GET /animals: was GET /pets: its path changed from /pets to /animals'],
  ['operation-method-changed', 'breaking', 'operation', O, 'Same operationId with another method: clients still use the old one.', 'PUT /pets: was POST /pets: its method changed from POST to PUT'],
  ['operation-path-rebased', 'info', 'operation', O, 'The path moved into the base path or server URL: every URL is unchanged.', 'GET /status: was GET /api/v2/status: its path is now written /status under another base path; the URL is unchanged'],
  ['operation-deprecated', 'info', 'operation', O, 'Still works; clients are told to move.', 'GET /pets was deprecated'],
  ['operation-reactivated', 'info', 'operation', O, 'No longer deprecated: nothing breaks.', 'GET /pets is no longer deprecated'],
  ['operation-id-changed', 'info', 'operation', O, 'The URL is unchanged; only generated client method names move.', "GET /pets operationId changed from 'listPets' to 'getPets'"],
  ['operation-summary-changed', 'info', 'operation', O, 'Documentation.', 'GET /pets summary changed'],
  ['operation-description-added', 'info', 'operation', O, 'Documentation.', 'GET /pets description was added'],
  ['operation-description-changed', 'info', 'operation', O, 'Documentation.', 'GET /pets description changed'],
  ['operation-description-removed', 'info', 'operation', O, 'Documentation.', 'GET /pets description was removed'],
  ['operation-tag-added', 'info', 'operation', O, 'Grouping only.', "GET /pets got the tag 'pets'"],
  ['operation-tag-removed', 'info', 'operation', O, 'Grouping only.', "GET /pets lost the tag 'pets'"],
  ['operation-extra-changed', 'info', 'operation', O, 'Operation servers, external docs, callbacks, extensions: no dedicated rule, still worth telling.', 'GET /pets: extra servers changed'],
  ['operation-changed', 'info', 'operation', ['graphql', 'postman'], 'Safety net: the definition changed in a way no rule names.', 'QUERY user changed in a way no GraphQL rule describes'],
  ['operation-folder-changed', 'info', 'operation', P, 'The request moved to another folder of the collection: organisation only.', "GET /v1/charges moved from folder 'Charges' to 'Payments'"],
  ['operation-server-changed', 'warning', 'operation', P, 'The request goes to another host: it may need other settings or credentials.', 'GET /v1/charges: server changed from {{baseUrl}} to https://api.example.com'],
  ['summary-changed', 'info', 'operation', P, 'The request name changed: documentation.', 'GET /v1/charges: name changed'],
  ['description-changed', 'info', 'operation', P, 'Documentation.', 'GET /v1/charges: description changed'],
  ['auth-changed', 'warning', 'security', P, 'Requests may need other credentials; the collection carries them, so a warning.', 'GET /v1/charges: auth changed from bearer to basic'],
  // Parameters
  ['request-parameter-added', 'breaking', 'parameter', OP, 'A new required parameter breaks every existing call; an optional one is info.', "GET /pets: query parameter 'limit' was added as required"],
  ['request-parameter-removed', 'breaking', 'parameter', OP, 'Callers still send it and strict servers reject it (headers OpenAPI says to ignore are info).', "GET /pets: query parameter 'limit' was removed"],
  ['request-parameter-renamed', 'info', 'parameter', P, 'A path variable renamed in the saved request: the URL it builds is unchanged.', "GET /v1/charges: query parameter 'lim' was renamed to 'limit'"],
  ['request-parameter-changed', 'info', 'parameter', P, 'A value or description of the saved request changed: the call still works.', "GET /v1/charges: query parameter 'limit' changed"],
  ['path-parameter-renamed', 'info', 'parameter', O, 'Path parameters are positional: the URL clients build is unchanged.', "GET /pets/{id}: path parameter 'petId' was renamed to 'id'"],
  ['request-parameter-location-changed', 'breaking', 'parameter', O, 'Callers send it in the old place.', "GET /pets: header parameter 'limit' moved from the query to the header"],
  ['request-parameter-became-required', 'breaking', 'parameter', O, 'Calls that omit it now fail.', "GET /pets: query parameter 'limit' became required"],
  ['request-parameter-became-optional', 'info', 'parameter', O, 'Every existing call stays valid.', "GET /pets: query parameter 'limit' became optional"],
  ['request-parameter-deprecated', 'info', 'parameter', O, 'Still accepted; clients are told to move.', "GET /pets: query parameter 'limit' was deprecated"],
  ['request-parameter-reactivated', 'info', 'parameter', O, 'No longer deprecated: nothing breaks.', "GET /pets: query parameter 'limit' is no longer deprecated"],
  ['request-parameter-description-changed', 'info', 'parameter', O, 'Documentation.', "GET /pets: query parameter 'limit' description changed"],
  ['request-parameter-example-changed', 'info', 'parameter', O, 'Documentation.', "GET /pets: query parameter 'limit' examples changed"],
  ['request-parameter-style-changed', 'breaking', 'parameter', O, 'Clients serialize the value the old way.', "GET /pets: query parameter 'ids' style changed from form to spaceDelimited"],
  ['request-parameter-explode-changed', 'breaking', 'parameter', O, 'Arrays and objects are serialized differently (info where it changes nothing).', "GET /pets: query parameter 'ids' explode changed from true to false"],
  ['request-parameter-empty-value-allowed', 'info', 'parameter', O, 'Accepts more requests.', "GET /pets: query parameter 'q' allows an empty value"],
  ['request-parameter-empty-value-disallowed', 'breaking', 'parameter', O, 'Calls sending an empty value now fail (info where OpenAPI ignores allowEmptyValue).', "GET /pets: query parameter 'q' no longer allows an empty value"],
  ['request-parameter-reserved-characters-allowed', 'info', 'parameter', O, 'Accepts more requests.', "GET /pets: query parameter 'q' allows reserved characters"],
  ['request-parameter-reserved-characters-disallowed', 'breaking', 'parameter', O, 'Calls sending reserved characters unencoded now fail (info outside the query).', "GET /pets: query parameter 'q' no longer allows reserved characters"],
  ['request-header-added', 'info', 'parameter', P, 'The saved request now sends one more header.', "GET /v1/charges: header 'Stripe-Version' was added"],
  ['request-header-removed', 'warning', 'parameter', P, 'Clients still send it; only strict servers reject that.', "GET /v1/charges: header 'Stripe-Version' was removed"],
  ['request-header-changed', 'info', 'parameter', P, 'A value of the saved request changed: the call still works.', "GET /v1/charges: header 'Accept' changed"],
  // Request bodies
  ['request-body-added', 'breaking', 'request-body', OP, 'A required body breaks calls that send none; an optional one is info (a saved request: warning).', 'POST /pets: request body was added as optional'],
  ['request-body-removed', 'breaking', 'request-body', OP, 'Clients still send one.', 'POST /pets: request body was removed'],
  ['request-body-became-required', 'breaking', 'request-body', O, 'Calls without a body now fail.', 'POST /pets: request body became required'],
  ['request-body-became-optional', 'info', 'request-body', O, 'Every existing call stays valid.', 'POST /pets: request body became optional'],
  ['request-body-description-changed', 'info', 'request-body', O, 'Documentation.', 'POST /pets: request body description changed'],
  ['request-media-type-added', 'info', 'request-body', O, 'Clients may keep sending the old media type.', 'POST /pets: request body media type application/xml was added'],
  ['request-media-type-encoding-changed', 'info', 'request-body', O, 'How form fields are serialized (style, explode, content type) changed: told for review, the schema rules judge the fields.', 'POST /pets: request body (multipart/form-data) encoding changed'],
  ['request-media-type-removed', 'breaking', 'request-body', O, 'Clients sending it are refused.', 'POST /pets: request body media type application/xml was removed'],
  ['request-body-media-type-changed', 'breaking', 'request-body', P, 'The body is sent in another encoding.', 'POST /v1/charges: body mode changed from urlencoded to raw'],
  ['request-body-changed', 'info', 'request-body', P, 'The saved body changed: the call still works.', 'POST /v1/charges: body changed'],
  ['request-body-field-added', 'info', 'request-body', P, 'A new form field the saved request sends.', "POST /v1/charges: body field 'amount' was added"],
  ['request-body-field-removed', 'warning', 'request-body', P, 'Clients still send it; only strict servers reject that.', "POST /v1/charges: body field 'amount' was removed"],
  ['request-body-field-changed', 'info', 'request-body', P, 'A value of the saved request changed.', "POST /v1/charges: body field 'amount' changed"],
  ['request-example-changed', 'info', 'request-body', O, 'Documentation.', 'POST /pets: request body (application/json) example changed'],
  // Responses
  ['response-status-added', 'info', 'response', OP, 'A new status code; clients handle unknown ones generically.', 'GET /pets: response 404 was added'],
  ['response-status-removed', 'breaking', 'response', OP, 'A success status clients rely on is gone (other statuses: warning).', 'GET /pets: response 200 was removed'],
  ['response-description-changed', 'info', 'response', O, 'Documentation.', 'GET /pets: response 200 description changed'],
  ['response-media-type-added', 'info', 'response', O, 'Clients keep asking for the old one.', 'GET /pets: response 200 media type application/xml was added'],
  ['response-media-type-removed', 'breaking', 'response', O, 'Clients asking for it get a 406 or another format.', 'GET /pets: response 200 media type application/xml was removed'],
  ['response-header-added', 'info', 'response', O, 'Extra data clients may ignore.', "GET /pets: response 200 header 'X-Rate-Limit' was added"],
  ['response-header-removed', 'breaking', 'response', O, 'Clients that read it silently lose it, like a removed response property.', "GET /pets: response 200 header 'X-Rate-Limit' was removed"],
  ['response-header-became-required', 'info', 'response', O, 'Now always sent: nothing breaks.', "GET /pets: response 200 header 'X-Rate-Limit' is now always sent"],
  ['response-header-became-optional', 'breaking', 'response', O, 'Clients that expect it may not get it.', "GET /pets: response 200 header 'X-Rate-Limit' is no longer always sent"],
  ['response-header-description-changed', 'info', 'response', O, 'Documentation.', "GET /pets: response 200 header 'X-Rate-Limit' description changed"],
  ['response-example-changed', 'info', 'response', OP, 'Documentation (saved responses of a collection).', 'GET /pets: response 200 (application/json) example changed'],
  // Security
  ['security-added', 'breaking', 'security', O, 'Calls without credentials are now refused.', 'GET /pets: security requirement apiKey was added'],
  ['security-removed', 'info', 'security', O, 'Calls with credentials still succeed.', 'GET /pets: security requirements were removed'],
  ['security-alternative-added', 'info', 'security', O, 'One more way to authenticate.', 'GET /pets: security alternative oauth2 was added'],
  ['security-alternative-removed', 'breaking', 'security', O, 'Clients using that way are refused.', 'GET /pets: security alternative apiKey was removed'],
  ['security-requirement-tightened', 'breaking', 'security', O, 'One more credential is needed.', 'GET /pets: security requirement apiKey now also needs basic'],
  ['security-requirement-relaxed', 'info', 'security', O, 'Clients sending every credential still succeed.', 'GET /pets: security requirement apiKey + basic no longer needs basic'],
  ['security-scope-added', 'breaking', 'security', O, 'Existing tokens may lack the new scope.', "GET /pets: OAuth scope 'write' was added"],
  ['security-scope-removed', 'info', 'security', O, 'Existing tokens still carry enough.', "GET /pets: OAuth scope 'write' was removed"],
  ['security-scheme-changed', 'breaking', 'security', O, 'A scheme an operation uses changed how credentials are sent.', "GET /pets: security scheme 'apiKey' changed from header to query"],
  ['security-scheme-flows-changed', 'warning', 'security', O, 'OAuth endpoints or flows moved: clients may need new settings.', "GET /pets: security scheme 'oauth' flows changed"],
  ['security-scheme-added', 'info', 'document', O, 'A definition only; operations that use it are reported on their own.', "Security scheme 'apiKey' was added"],
  ['security-scheme-removed', 'info', 'document', O, 'A definition only; operations that used it are reported on their own.', "Security scheme 'apiKey' was removed"],
  ['security-scheme-definition-changed', 'info', 'document', O, 'A definition only; operations that use it are reported on their own.', "Security scheme 'apiKey' changed"],
  // Document
  ['server-added', 'info', 'document', O, 'One more base URL.', 'Server https://eu.example.com was added'],
  ['server-removed', 'warning', 'document', O, 'Clients configured with it break, but the URL lives in their settings, not in an operation.', 'Server https://eu.example.com was removed'],
  ['api-title-changed', 'info', 'document', O, 'Documentation.', "API title changed from 'Pets' to 'Pet Store'"],
  ['api-version-changed', 'info', 'document', O, 'A label: what changed is reported by the other rules.', "API version changed from '1.0' to '1.1'"],
  // GraphQL types
  ['type-added', 'info', 'type', G, 'A new type breaks no query.', 'Type Gist was added'],
  ['type-removed', 'breaking', 'type', G, 'Fragments and variables naming it fail validation.', 'Type Gist was removed'],
  ['type-kind-changed', 'breaking', 'type', G, 'Selections valid for the old kind are not for the new one.', 'Type Owner changed kind from OBJECT to INTERFACE'],
  ['type-description-changed', 'info', 'type', G, 'Documentation.', 'Description changed for type User'],
  ['type-interface-added', 'info', 'type', G, 'The type gains fields; existing selections stay valid.', 'Type Repo now implements interface Node'],
  ['type-interface-removed', 'breaking', 'type', G, 'Fragments on the interface no longer apply to the type.', 'Type Repo no longer implements interface Node'],
  ['interface-implementation-added', 'warning', 'type', G, 'Fields of the interface type may return a type clients do not handle.', 'Type Gist now implements interface Node: fields of type Node can return it, and clients may not handle it'],
  ['interface-implementation-removed', 'breaking', 'type', G, 'Fragments on that type inside the interface no longer apply.', 'Type Gist no longer implements interface Node'],
  ['union-member-added', 'warning', 'type', G, 'A shape clients may not handle, like a new enum value.', 'Member Gist was added to union SearchResult: clients may not handle it'],
  ['union-member-removed', 'breaking', 'type', G, 'Fragments on that member fail validation.', 'Member Gist was removed from union SearchResult'],
  ['enum-value-added', 'warning', 'type', G, 'Clients receiving it may not handle it (info where the enum is only sent).', 'Enum value Color.BLUE was added: clients may not handle it'],
  ['enum-value-removed', 'breaking', 'type', G, 'Requests sending it fail (info where the enum is only returned).', 'Enum value Color.BLUE was removed'],
  ['enum-value-description-changed', 'info', 'type', G, 'Documentation.', 'Description changed for enum value Color.BLUE'],
  ['enum-value-deprecated', 'info', 'type', G, 'Still valid; clients are told to move.', 'Enum value Color.BLUE was deprecated'],
  ['enum-value-deprecation-removed', 'info', 'type', G, 'No longer deprecated: nothing breaks.', 'Enum value Color.BLUE is no longer deprecated'],
  ['enum-value-deprecation-reason-changed', 'info', 'type', G, 'Documentation.', 'Deprecation reason changed for enum value Color.BLUE'],
  ['input-type-became-one-of', 'breaking', 'type', G, 'Inputs giving several fields are now rejected.', 'Input type UserInput became @oneOf: exactly one field must be given'],
  ['input-type-no-longer-one-of', 'info', 'type', G, 'Accepts more inputs.', 'Input type UserInput is no longer @oneOf'],
  ['schema-root-type-changed', 'info', 'type', G, 'Operations are compared by field; the root type name itself is not part of a query.', 'The query root type changed from Query to RootQuery'],
  // GraphQL fields, arguments, input fields
  ['field-added', 'info', 'field', G, 'A new field breaks no query.', 'Field User.email: String was added'],
  ['field-removed', 'breaking', 'field', G, 'Queries selecting it fail validation.', 'Field User.email was removed'],
  ['field-type-changed', 'breaking', 'field', G, 'Clients read another type (info when it only became non-null).', 'Field User.age changed type from Int to String'],
  ['field-description-changed', 'info', 'field', G, 'Documentation.', 'Description changed for field User.email'],
  ['field-deprecated', 'info', 'field', G, 'Still valid; clients are told to move.', 'Field User.email was deprecated'],
  ['field-deprecation-removed', 'info', 'field', G, 'No longer deprecated: nothing breaks.', 'Field User.email is no longer deprecated'],
  ['field-deprecation-reason-changed', 'info', 'field', G, 'Documentation.', 'Deprecation reason changed for field User.email'],
  ['argument-added', 'breaking', 'field', G, 'A new required argument breaks queries that omit it (optional: info).', 'Argument first of field Query.users was added as optional'],
  ['argument-removed', 'breaking', 'field', G, 'Queries passing it fail validation.', 'Argument first of field Query.users was removed'],
  ['argument-type-changed', 'breaking', 'field', G, 'Variables of the old type no longer fit (info when it only became nullable).', 'Argument id of field Query.user changed type from ID to String'],
  ['argument-became-required', 'breaking', 'field', G, 'Its default was removed: queries omitting it fail.', 'Argument id of field Query.user became required: its default value "1" was removed'],
  ['argument-became-optional', 'info', 'field', G, 'It got a default: every query stays valid.', 'Argument id of field Query.user became optional: it got the default value "1"'],
  ['argument-default-changed', 'warning', 'field', G, 'Queries omitting it get another behaviour.', 'Default value of argument first of field Query.users changed from 10 to 20'],
  ['argument-description-changed', 'info', 'field', G, 'Documentation.', 'Description changed for argument first of field Query.users'],
  ['argument-deprecated', 'info', 'field', G, 'Still valid; clients are told to move.', 'Argument first of field Query.users was deprecated'],
  ['argument-deprecation-removed', 'info', 'field', G, 'No longer deprecated: nothing breaks.', 'Argument first of field Query.users is no longer deprecated'],
  ['argument-deprecation-reason-changed', 'info', 'field', G, 'Documentation.', 'Deprecation reason changed for argument first of field Query.users'],
  ['input-field-added', 'breaking', 'field', G, 'A new required input field breaks inputs that omit it (optional: info).', 'Input field UserInput.email was added as required'],
  ['input-field-removed', 'breaking', 'field', G, 'Inputs giving it fail validation.', 'Input field UserInput.email was removed'],
  ['input-field-type-changed', 'breaking', 'field', G, 'Values of the old type no longer fit (info when it only became nullable).', 'Input field UserInput.age changed type from Int to String'],
  ['input-field-became-required', 'breaking', 'field', G, 'Its default was removed: inputs omitting it fail.', 'Input field UserInput.role became required: its default value USER was removed'],
  ['input-field-became-optional', 'info', 'field', G, 'It got a default: every input stays valid.', 'Input field UserInput.role became optional: it got the default value USER'],
  ['input-field-default-changed', 'warning', 'field', G, 'Inputs omitting it get another behaviour.', 'Default value of input field UserInput.role changed from USER to ADMIN'],
  ['input-field-description-changed', 'info', 'field', G, 'Documentation.', 'Description changed for input field UserInput.email'],
  ['input-field-deprecated', 'info', 'field', G, 'Still valid; clients are told to move.', 'Input field UserInput.email was deprecated'],
  ['input-field-deprecation-removed', 'info', 'field', G, 'No longer deprecated: nothing breaks.', 'Input field UserInput.email is no longer deprecated'],
  ['input-field-deprecation-reason-changed', 'info', 'field', G, 'Documentation.', 'Deprecation reason changed for input field UserInput.email'],
  // GraphQL directives
  ['directive-added', 'info', 'directive', G, 'A new directive breaks no query.', 'Directive @cached was added'],
  ['directive-removed', 'breaking', 'directive', G, 'Queries using an executable directive fail (schema-only directives: info).', 'Directive @cached was removed'],
  ['directive-location-added', 'info', 'directive', G, 'Usable in more places.', 'Directive @cached can now be used on FIELD'],
  ['directive-location-removed', 'breaking', 'directive', G, 'Queries using it there fail (schema-only locations: info).', 'Directive @cached can no longer be used on FIELD'],
  ['directive-became-repeatable', 'info', 'directive', G, 'Accepts more queries.', 'Directive @tag became repeatable'],
  ['directive-no-longer-repeatable', 'breaking', 'directive', G, 'Queries repeating it fail.', 'Directive @tag is no longer repeatable'],
  ['directive-description-changed', 'info', 'directive', G, 'Documentation.', 'Description changed for directive @cached'],
  ['directive-argument-added', 'breaking', 'directive', G, 'A new required argument breaks uses that omit it (optional, or a schema-only directive: info).', 'Argument ttl of directive @cached was added as optional'],
  ['directive-argument-removed', 'breaking', 'directive', G, 'Uses passing it fail (schema-only directives: info).', 'Argument ttl of directive @cached was removed'],
  ['directive-argument-type-changed', 'breaking', 'directive', G, 'Values of the old type no longer fit (schema-only directives: info).', 'Argument ttl of directive @cached changed type from Int to String'],
  ['directive-argument-default-changed', 'warning', 'directive', G, 'Uses omitting it get another behaviour (schema-only directives: info).', 'Default value of argument ttl of directive @cached changed from 10 to 20'],
  ['directive-argument-description-changed', 'info', 'directive', G, 'Documentation.', 'Description changed for argument ttl of directive @cached'],
]

type FacetRow = readonly [facet: string, severity: Severity, reason: string, example: string]

const NARROW = 'Fewer values accepted: breaks requests (info in responses).'
const WIDEN = 'More values possible: breaks response readers (info in requests).'
const EITHER = 'Breaking in the direction where it narrows what clients send or widens what they read, else info.'
const DOCS = 'Documentation: never a break.'

/** Facets of the schema rules: each is reported under `schema-`, `request-parameter-` and `response-header-`, at the root or with `property-`. */
const SCHEMA_FACETS: readonly FacetRow[] = [
  ['type-changed', 'breaking', 'A changed type breaks both ways; a widened one breaks readers, a narrowed one senders.', "type changed from string to integer"],
  ['became-nullable', 'breaking', WIDEN, 'became nullable'],
  ['became-not-nullable', 'breaking', NARROW, 'is no longer nullable'],
  ['format-added', 'breaking', NARROW, "format 'email' was added"],
  ['format-removed', 'breaking', WIDEN, "format 'email' was removed"],
  ['format-changed', 'breaking', 'Values of the old format may be invalid, or read wrongly.', "format changed from 'date' to 'date-time'"],
  ['enum-added', 'breaking', 'Restricted to a list: breaks requests (info in responses).', "was restricted to the values ['a','b']"],
  ['enum-removed', 'warning', 'No longer a list: readers may get values they do not know (info in requests).', 'is no longer restricted to a list of values'],
  ['enum-value-added', 'warning', 'Readers may get a value they do not handle (info in requests).', "enum value 'b' was added"],
  ['enum-value-removed', 'breaking', 'Requests sending it fail (info in responses, and where another union option still accepts it).', "enum value 'b' was removed"],
  ...['maximum', 'minimum'].flatMap((name): FacetRow[] => [
    [`${name}-added`, 'breaking', NARROW, `${name} 10 was added`],
    [`${name}-removed`, 'breaking', WIDEN, `${name} 10 was removed`],
    [`${name}-increased`, 'breaking', EITHER, `${name} changed from 10 to 20`],
    [`${name}-decreased`, 'breaking', EITHER, `${name} changed from 20 to 10`],
    [`${name}-became-exclusive`, 'breaking', EITHER, `${name} changed from 10 to < 10`],
    [`${name}-became-inclusive`, 'breaking', EITHER, `${name} changed from < 10 to 10`],
  ]),
  ...[
    ['max-length', 'maxLength'],
    ['min-length', 'minLength'],
    ['max-items', 'maxItems'],
    ['min-items', 'minItems'],
    ['max-properties', 'maxProperties'],
    ['min-properties', 'minProperties'],
  ].flatMap(([stem, keyword]): FacetRow[] => [
    [`${stem}-added`, 'breaking', NARROW, `${keyword} 10 was added`],
    [`${stem}-removed`, 'breaking', WIDEN, `${keyword} 10 was removed`],
    [`${stem}-increased`, 'breaking', EITHER, `${keyword} changed from 10 to 20`],
    [`${stem}-decreased`, 'breaking', EITHER, `${keyword} changed from 20 to 10`],
  ]),
  ['multiple-of-added', 'breaking', NARROW, 'multipleOf 2 was added'],
  ['multiple-of-removed', 'breaking', WIDEN, 'multipleOf 2 was removed'],
  ['multiple-of-changed', 'breaking', 'A new divisor accepts other numbers (info when the new one divides the old).', 'multipleOf changed from 2 to 3'],
  ['unique-items-added', 'breaking', NARROW, 'items must now be unique'],
  ['unique-items-removed', 'breaking', WIDEN, 'items no longer have to be unique'],
  ['pattern-added', 'breaking', NARROW, "pattern '^[a-z]+$' was added"],
  ['pattern-removed', 'breaking', WIDEN, "pattern '^[a-z]+$' was removed"],
  ['pattern-changed', 'warning', 'Whether the new expression accepts more, fewer or other strings cannot be decided.', "pattern changed from '^[a-z]+$' to '^[a-z0-9]+$'"],
  ['one-of-option-added', 'warning', 'Readers may get a shape they do not know, like a new enum value (info in requests, or when an old option allowed it).', 'oneOf option Section was added'],
  ['one-of-option-removed', 'breaking', 'Requests using it fail unless another option accepts them (info in responses).', 'oneOf option Section was removed'],
  ['any-of-option-added', 'warning', 'Readers may get a shape they do not know, like a new enum value (info in requests, or when an old option allowed it).', 'anyOf option Section was added'],
  ['any-of-option-removed', 'breaking', 'Requests using it fail unless another option accepts them (info in responses).', 'anyOf option Section was removed'],
  ['all-of-option-added', 'breaking', NARROW, 'allOf option Audit was added'],
  ['all-of-option-removed', 'breaking', WIDEN, 'allOf option Audit was removed'],
  ['property-added', 'breaking', 'A new required request property breaks senders; optional ones and response properties are info.', 'was added as required'],
  ['property-removed', 'breaking', 'Response readers lose data (issue 3); senders of a request property are only rejected by strict servers (warning).', 'was removed'],
  ['property-became-required', 'breaking', NARROW, 'became required'],
  ['property-became-optional', 'breaking', WIDEN, 'became optional'],
  ['additional-properties-narrowed', 'breaking', NARROW, 'changed from allowing any additional properties to no additional properties'],
  ['additional-properties-widened', 'breaking', WIDEN, 'changed from allowing no additional properties to any additional properties'],
  ['discriminator-changed', 'warning', 'Clients pick the variant by it: they may pick wrongly.', 'discriminator changed'],
  ['not-changed', 'warning', 'A negated schema is not reasoned about: it may accept fewer values.', "'not' schema changed"],
  ['keyword-changed', 'warning', 'A validation keyword no rule models may accept fewer values (annotations: info).', 'if changed'],
  ['became-read-only', 'info', 'Clients stop sending it; servers ignore it.', 'became read-only'],
  ['became-not-read-only', 'info', 'Clients may now send it.', 'is no longer read-only'],
  ['became-write-only', 'info', 'No longer returned; flagged by property rules where that matters.', 'became write-only'],
  ['became-not-write-only', 'info', 'Now returned too.', 'is no longer write-only'],
  ['deprecated', 'info', 'Still valid; clients are told to move.', 'was deprecated'],
  ['reactivated', 'info', 'No longer deprecated: nothing breaks.', 'is no longer deprecated'],
  ['default-added', 'info', 'A server-side default for omitted values: documentation of behaviour.', "default 'a' was added"],
  ['default-removed', 'info', 'A server-side default for omitted values: documentation of behaviour.', "default 'a' was removed"],
  ['default-changed', 'info', 'A server-side default for omitted values: documentation of behaviour.', "default changed from 'a' to 'b'"],
  ...[
    ['title', 'title'],
    ['description', 'description'],
    ['example', 'example'],
    ['examples', 'examples'],
    ['external-docs', 'externalDocs'],
    ['xml', 'xml'],
    ['comment', '$comment'],
  ].flatMap(([stem, keyword]): FacetRow[] =>
    (['added', 'removed', 'changed'] as const).map((verb): FacetRow => [`${stem}-${verb}`, 'info', DOCS, `${keyword} was ${verb}`]),
  ),
]

/** Where a schema finding's kind says the schema sits. */
export const SCHEMA_KIND_PREFIXES = ['schema-', 'request-parameter-', 'response-header-'] as const

function schemaVariants(facet: string): string[] {
  const below = facet.startsWith('property-') ? [] : SCHEMA_KIND_PREFIXES.map((prefix) => `${prefix}property-${facet}`)
  return [...SCHEMA_KIND_PREFIXES.map((prefix) => prefix + facet), ...below]
}

function buildCatalog(): ReadonlyMap<string, RuleEntry> {
  const catalog = new Map<string, RuleEntry>()
  for (const [kind, severity, family, formats, reason, example] of RULES) catalog.set(kind, { kind, severity, family, formats, reason, example })
  for (const [facet, severity, reason, example] of SCHEMA_FACETS) {
    const kind = `schema-${facet}`
    catalog.set(kind, { kind, severity, family: 'schema', formats: O, reason, example: `POST /pets: request body (application/json) ${example}`, variants: schemaVariants(facet) })
  }
  return catalog
}

/**
 * Every rule of the diff, by kind (schema rules under their `schema-<facet>` kind, with the
 * kinds they are reported under in `variants`). The README's rule table is generated from it.
 */
export const RULE_CATALOG: ReadonlyMap<string, RuleEntry> = buildCatalog()

/** Every kind a schema rule is reported under, to its rule. */
const SCHEMA_VARIANTS: ReadonlyMap<string, RuleEntry> = new Map(
  [...RULE_CATALOG.values()].flatMap((entry) => (entry.variants ?? []).map((variant) => [variant, entry] as const)),
)

/**
 * The rule a change kind belongs to, or undefined for a kind no rule reports. A kind that is both
 * a rule of its own and a schema variant (`request-parameter-deprecated`) resolves to its own rule.
 */
export function ruleOf(kind: string): RuleEntry | undefined {
  return RULE_CATALOG.get(kind) ?? SCHEMA_VARIANTS.get(kind)
}

/** Whether some rule reports this kind. */
export function isKnownKind(kind: string): boolean {
  return ruleOf(kind) !== undefined
}
