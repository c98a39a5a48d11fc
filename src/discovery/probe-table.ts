/** A framework that publishes its API definition at a well-known path. */
export type FrameworkName =
  | 'FastAPI'
  | 'Spring (springdoc)'
  | 'Spring (springfox)'
  | 'ASP.NET Core (Swashbuckle)'
  | 'NestJS'
  | 'Fastify (@fastify/swagger)'
  | 'Express (swagger-jsdoc)'
  | 'Django (drf-spectacular)'
  | 'Flask (flask-apispec)'
  | 'Flask (flasgger)'
  | 'Flask (flask-smorest)'
  | 'Rails (rswag)'
  | 'Laravel (l5-swagger)'
  | 'Go (swag)'

/** One location `discoverSpec` tries. */
export interface SpecProbe {
  /** Path relative to the base URL (a base with a path prefix keeps it: `/app` + `/openapi.json`). */
  path: string
  /** `document`: HEAD then GET a JSON/YAML document. `graphql`: POST a minimal introspection query. */
  kind: 'document' | 'graphql'
  /** Frameworks that serve their document here by default, most likely first. */
  frameworks: readonly FrameworkName[]
}

const document = (path: string, ...frameworks: FrameworkName[]): SpecProbe => ({ path, kind: 'document', frameworks })

/**
 * Where frameworks publish their definitions by default. Order matters only to break ties between
 * equally confident results. Documentation UIs (`/docs`, `/swagger-ui`) are left out: they serve
 * HTML, never the document itself.
 */
export const SPEC_PROBES: readonly SpecProbe[] = [
  document('/openapi.json', 'FastAPI', 'Flask (flask-smorest)'),
  document('/v3/api-docs', 'Spring (springdoc)'),
  document('/v3/api-docs.yaml', 'Spring (springdoc)'),
  document('/v2/api-docs', 'Spring (springfox)'),
  document('/swagger/v1/swagger.json', 'ASP.NET Core (Swashbuckle)'),
  document('/api-json', 'NestJS'),
  document('/api-docs-json', 'NestJS'),
  document('/documentation/json', 'Fastify (@fastify/swagger)'),
  document('/documentation/yaml', 'Fastify (@fastify/swagger)'),
  document('/api-docs', 'Express (swagger-jsdoc)'),
  document('/swagger.json', 'Express (swagger-jsdoc)'),
  document('/api-docs.json', 'Express (swagger-jsdoc)'),
  document('/api/schema/', 'Django (drf-spectacular)'),
  document('/schema/', 'Django (drf-spectacular)'),
  document('/swagger/', 'Flask (flask-apispec)'),
  document('/api/openapi.json', 'Flask (flask-smorest)'),
  document('/apispec_1.json', 'Flask (flasgger)'),
  document('/api-docs/v1/swagger.yaml', 'Rails (rswag)'),
  document('/swagger/v1/swagger.yaml', 'Rails (rswag)', 'ASP.NET Core (Swashbuckle)'),
  document('/docs/api-docs.json', 'Laravel (l5-swagger)'),
  document('/api/documentation', 'Laravel (l5-swagger)'),
  document('/swagger/doc.json', 'Go (swag)'),
  document('/openapi.yaml'),
  document('/swagger.yaml'),
  { path: '/graphql', kind: 'graphql', frameworks: [] },
]

/**
 * Response headers that give a framework away, each with the frameworks it points to. A header only
 * confirms a framework the path already suggests, or names one for a path no framework owns.
 */
export const FRAMEWORK_HEADER_SIGNS: ReadonlyArray<{ header: string; pattern: RegExp; frameworks: readonly FrameworkName[] }> = [
  { header: 'server', pattern: /uvicorn|hypercorn/i, frameworks: ['FastAPI'] },
  { header: 'server', pattern: /werkzeug/i, frameworks: ['Flask (flask-smorest)', 'Flask (flask-apispec)', 'Flask (flasgger)'] },
  { header: 'server', pattern: /wsgiserver|gunicorn/i, frameworks: ['Django (drf-spectacular)', 'Flask (flask-smorest)', 'Flask (flask-apispec)'] },
  { header: 'server', pattern: /kestrel/i, frameworks: ['ASP.NET Core (Swashbuckle)'] },
  { header: 'x-powered-by', pattern: /asp\.net/i, frameworks: ['ASP.NET Core (Swashbuckle)'] },
  { header: 'x-powered-by', pattern: /express/i, frameworks: ['Express (swagger-jsdoc)', 'NestJS'] },
  { header: 'x-powered-by', pattern: /php/i, frameworks: ['Laravel (l5-swagger)'] },
  { header: 'server', pattern: /puma|passenger|unicorn/i, frameworks: ['Rails (rswag)'] },
  { header: 'x-runtime', pattern: /^\d/, frameworks: ['Rails (rswag)'] },
  { header: 'set-cookie', pattern: /laravel_session/i, frameworks: ['Laravel (l5-swagger)'] },
]
