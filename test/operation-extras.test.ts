import { describe, expect, it } from 'vitest'
import { graphqlFormat } from '../src/formats/graphql/index.js'
import { graphqlOperationExtras } from '../src/formats/graphql/operation-extras.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import { openApiOperationExtras } from '../src/formats/openapi/operation-extras.js'
import { postmanFormat } from '../src/formats/postman/index.js'
import { postmanOperationExtras } from '../src/formats/postman/operation-extras.js'
import type { SnapshotOperation } from '../src/model/snapshot.js'

// Issue 10 move 4: each format's own data in `extra` is read outside the format through its typed view.

async function operation(format: typeof openapiFormat, text: string, key: string): Promise<SnapshotOperation> {
  const { snapshot } = await format.normalize(text, { sourceId: 'extras' })
  const found = snapshot.operations.find((candidate) => candidate.key === key)
  if (found === undefined) throw new Error(`no ${key} in ${snapshot.operations.map((candidate) => candidate.key).join(', ')}`)
  return found
}

describe('openApiOperationExtras', () => {
  it('reads the servers and external docs the OpenAPI format recorded', async () => {
    const text = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/files': {
          servers: [{ url: 'https://{region}.files.example.com', variables: { region: { default: 'eu' } } }],
          get: { externalDocs: { url: 'https://docs.example.com/files' }, responses: { '200': { description: 'ok' } } },
        },
        '/pets': { get: { responses: { '200': { description: 'ok' } } } },
      },
    })
    expect(openApiOperationExtras(await operation(openapiFormat, text, 'GET /files'))).toEqual({
      externalDocs: { url: 'https://docs.example.com/files' },
      servers: [{ url: 'https://{region}.files.example.com', variables: { region: { default: 'eu' } } }],
    })
    expect(openApiOperationExtras(await operation(openapiFormat, text, 'GET /pets'))).toEqual({})
  })

  it('reads servers of another shape as absent', () => {
    expect(openApiOperationExtras({ extra: { servers: 'https://api.example.com' } })).toEqual({})
    expect(openApiOperationExtras({})).toEqual({})
  })
})

describe('postmanOperationExtras', () => {
  it('reads the auth, its owner, the body mode, the folder and the server the Postman format recorded', async () => {
    const text = JSON.stringify({
      info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: { type: 'bearer', bearer: [{ key: 'token', value: 'secret-token', type: 'string' }] },
      item: [
        {
          name: 'Pets',
          item: [
            {
              name: 'Create pet',
              request: { method: 'POST', url: 'https://api.example.com/pets', body: { mode: 'raw', raw: '{}' } },
            },
          ],
        },
      ],
    })
    const extras = postmanOperationExtras(await operation(postmanFormat, text, 'POST /pets'))
    expect(extras).toEqual({ auth: { type: 'bearer', keys: ['token'] }, authFrom: '', bodyMode: 'raw', folder: ['Pets'], server: 'https://api.example.com' })
    expect(JSON.stringify(extras)).not.toContain('secret-token')
  })

  it('reads fields of another shape as absent', () => {
    expect(postmanOperationExtras({ extra: { auth: 'bearer', server: 42, folder: 'Pets', bodyMode: null } })).toEqual({})
    expect(postmanOperationExtras({ extra: { auth: { keys: ['token', 7] } } })).toEqual({ auth: { type: '', keys: ['token'] } })
  })
})

describe('graphqlOperationExtras', () => {
  it('reads the return type and deprecation reason the GraphQL format recorded', async () => {
    const sdl = 'type Query { pets(first: Int): [Pet!]! old: Int @deprecated(reason: "use pets") } type Pet { id: ID! }'
    expect(graphqlOperationExtras(await operation(graphqlFormat, sdl, 'QUERY pets'))).toEqual({ returnType: '[Pet!]!' })
    expect(graphqlOperationExtras(await operation(graphqlFormat, sdl, 'QUERY old'))).toEqual({ returnType: 'Int', deprecationReason: 'use pets' })
  })

  it('takes `type` for the return type and keeps `rootType` from snapshots built elsewhere', () => {
    expect(graphqlOperationExtras({ extra: { type: 'User', rootType: 'RootQuery' } })).toEqual({ returnType: 'User', rootType: 'RootQuery' })
    expect(graphqlOperationExtras({ extra: { returnType: 3 } })).toEqual({})
  })
})
