// api-live-sync/testing: a test kit for hosts. Browser-safe (no Node built-in), and kept out of the main entry.

export { createFakeSource } from './fake-source.js'
export type { FakeSource, FakeSourceOptions, FakeDocument, FakeRequest, HeldRequest, ServeOptions, TimesOptions } from './fake-source.js'
export { failures } from './failures.js'
export type { FakeFailure } from './failures.js'
export { createTestClock } from './test-clock.js'
export type { TestClock, TestClockOptions } from './test-clock.js'
export { openapi } from './openapi-builder.js'
export type { OpenapiDocument, OpenapiOptions, OperationKey, OperationShorthand, ParameterDetails, ParameterShorthand, ResponseShorthand, SchemaShorthand } from './openapi-builder.js'
export { graphqlSchema } from './graphql-builder.js'
export { postmanCollection } from './postman-builder.js'
export type { PostmanCollectionDocument, PostmanCollectionOptions, PostmanRequestShorthand } from './postman-builder.js'
export { nextEvent } from './next-event.js'
