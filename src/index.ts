// The public API of api-live-sync's main entry. Browser-safe: nothing here imports a Node built-in.

export { LiveSyncService } from './service/LiveSyncService.js'
export type { SyncSourceOptions } from './service/LiveSyncService.js'
export type { LiveSyncServiceOptions } from './service/options.js'
export type { SyncResult, SyncStatus, SyncTrigger } from './model/sync.js'

export { liveSourceConfigSchema, parseSourceConfig, MIN_REFRESH_INTERVAL_MS } from './config/config.js'
export type { LiveSourceConfig, LiveSourceConfigInput } from './config/config.js'

export { SyncEvents } from './events/events.js'
export type { SyncEventPayloads, SyncEventName, SyncEventListener, SyncRetryEvent, ConflictsDetectedEvent, ReviewRequiredEvent } from './events/events.js'
export type { ListenerErrorHandler } from './events/safe-emitter.js'

export {
  LiveSyncError,
  InvalidConfigError,
  SourceNotFoundError,
  DuplicateSourceError,
  HttpError,
  NetworkError,
  TimeoutError,
  ParseError,
  InvalidSpecError,
  TooLargeError,
  TargetError,
  CancelledError,
  DisposedError,
  isLiveSyncError,
  isInvalidConfigError,
  isSourceNotFoundError,
  isDuplicateSourceError,
  isHttpError,
  isNetworkError,
  isTimeoutError,
  isParseError,
  isInvalidSpecError,
  isTooLargeError,
  isTargetError,
  isCancelledError,
  isDisposedError,
  StateError,
  isStateError,
  StalePlanError,
  isStalePlanError,
} from './errors/errors.js'
export type { LiveSyncErrorCode, ConfigIssue } from './errors/errors.js'

export { createHttpLoader } from './loaders/http-loader.js'
export type { HttpLoaderOptions } from './loaders/http-loader.js'
export type { HostResolver } from './loaders/network-guard.js'
export { redactUrl } from './shared/redact.js'
export type { SourceLoader, LoadRequest, LoadResult, LoadProgress, PreparedRequest } from './model/loader.js'

export { systemClock } from './runtime/clock.js'
export type { Clock, TimerHandle } from './model/clock.js'
export type { RetryOptions } from './runtime/retry-policy.js'

export { openapiFormat } from './formats/openapi/index.js'
export { postmanFormat } from './formats/postman/index.js'
export { graphqlFormat, createGraphqlFormat, graphqlIntrospectionRequest } from './formats/graphql/index.js'
export type { GraphqlFormatOptions, GraphqlIntrospectionRequest, GraphqlImporter, SharedTypeChangeReporting } from './formats/graphql/index.js'
export type { ApiSnapshot, SnapshotOperation, NormalizedDocument, ParameterSpec, ParameterLocation, RequestBodySpec, ResponseSpec, MediaTypeSpec, SchemaNode, SecurityRequirement, SecuritySchemeSpec } from './model/snapshot.js'
export type { OperationRef, SourceType } from './model/identity.js'
export type { SpecFormat, ParseContext } from './formats/types.js'

export type { Change, ChangeSet, ChangeSummary, ModifiedOperation, OperationReach, Severity } from './model/change.js'
export type { OperationMove } from './model/identity.js'
export { diffDocuments, diffSnapshots } from './formats/diff-documents.js'
export type { DiffDocumentsOptions } from './formats/diff-documents.js'
export { changeSetToJSON, changeSetFromJSON } from './diff/change-set-json.js'
export type { ChangeSetJson } from './diff/change-set-json.js'
export { changeInOperation } from './diff/change-set.js'

export { renderReport, REPORT_FORMATS, renderText, textReportLines, summaryLine, plainStyles, renderMarkdown, renderGithubAnnotations, renderHtml, renderJson } from './report/index.js'
export type {
  ReportFormat,
  ReportOptions,
  TextReportOptions,
  TextStyles,
  MarkdownReportOptions,
  GithubReportOptions,
  HtmlReportOptions,
} from './report/index.js'
export type { DiffOptions } from './model/change.js'
export { RULE_CATALOG, ruleOf } from './diff/rule-catalog.js'
export type { RuleEntry, RuleFamily, RuleFormat } from './diff/rule-catalog.js'
export { applySeverityOverrides, parseSeverityOverrides } from './diff/severity-overrides.js'
export type { SeverityOverrides } from './diff/severity-overrides.js'

export * from './collections/index.js'
export type { SyncTarget, AttachTargetOptions } from './service/target-sync.js'
export type { SourceWatcher } from './service/watcher.js'
export { memoryStore, localStorageStore } from './store/state-store.js'
export { discoverSpec, exploreServer } from './discovery/discover-spec.js'
export type { DiscoverSpecOptions, DiscoveredSpec, DiscoveryReport, RefusedIntrospection } from './discovery/discover-spec.js'
export { testSource } from './discovery/test-source.js'
export type { TestSourceOptions, SourceTestReport } from './discovery/test-source.js'
export { detectSourceType } from './formats/detect-type.js'
export type { StateStore } from './store/state-store.js'
