/**
 * The OpenAPI format's recogniser, for the one type detector (`formats/detect-type.ts`): a document
 * that declares `openapi: 3.x` or `swagger: 2.x`. YAML reads an unquoted `openapi: 3.0` or
 * `swagger: 2.0` as a number.
 */
export function isOpenApiDocument(document: Readonly<Record<string, unknown>>): boolean {
  const openapi = document.openapi
  if ((typeof openapi === 'string' || typeof openapi === 'number') && /^3(\.|$)/.test(String(openapi))) return true
  const swagger = document.swagger
  return (typeof swagger === 'string' || typeof swagger === 'number') && /^2(\.|$)/.test(String(swagger))
}
