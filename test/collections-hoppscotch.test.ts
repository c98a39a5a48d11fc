import { describe, expect, it } from 'vitest'
import { generateCollection, toHoppscotchCollection, toHoppscotchEnvironment, type Collection, type Request } from '../src/collections/index.js'
import { usersApi } from './helpers/collections-snapshots.js'

function single(request: Partial<Request>): Collection {
  return { name: 'x', items: [{ type: 'request', id: 'r1', name: 'r', method: 'post', url: '{{baseUrl}}/x', params: [], headers: [], ...request }] }
}

describe('toHoppscotchCollection', () => {
  const collection = generateCollection(usersApi())
  const users = collection.items[0]!
  if (users.type === 'folder') {
    const list = users.items[0] as Request
    list.scripts = { preRequest: 'pw.env.set("a", "1")', test: 'pw.test("ok", () => {})' }
  }
  const hopp = JSON.parse(JSON.stringify(toHoppscotchCollection(collection)))

  it('writes a versioned collection whose folders are child collections', () => {
    // v12 / '17': the versions the released @hoppscotch/cli reads (issue 12 item 8). The server URL
    // and the empty token live in the environment file, which collection variables would shadow.
    expect(hopp).toMatchObject({
      v: 12,
      name: 'Users API',
      requests: [],
      auth: { authType: 'bearer', authActive: true, token: '<<token>>' },
      headers: [],
      variables: [],
      description: null,
      preRequestScript: '',
      testScript: '',
    })
    expect(hopp.folders).toHaveLength(1)
    expect(hopp.folders[0]).toMatchObject({ v: 12, _ref_id: users.id, name: 'users', folders: [], auth: { authType: 'inherit', authActive: true } })
    expect(hopp.folders[0].requests.map((request: { name: string }) => request.name)).toEqual(['List users', 'Get a user', 'Create a user'])
  })

  it('writes each request with endpoint, method, params, headers, scripts, auth, body and request variables', () => {
    const [list, get, create] = hopp.folders[0].requests
    expect(list).toEqual({
      v: '17',
      _ref_id: (users as { items: Request[] }).items[0]!.id,
      name: 'List users',
      method: 'GET',
      endpoint: '<<baseUrl>>/users',
      params: [{ key: 'limit', value: '20', active: false, description: '' }],
      headers: [{ key: 'X-Request-Id', value: '00000000-0000-4000-8000-000000000000', active: true, description: '' }],
      preRequestScript: 'pw.env.set("a", "1")',
      testScript: 'pw.test("ok", () => {})',
      auth: { authType: 'inherit', authActive: true },
      body: { contentType: null, body: null },
      requestVariables: [],
      responses: {},
      description: null,
    })
    expect(get).toMatchObject({ endpoint: '<<baseUrl>>/users/<<id>>', requestVariables: [{ key: 'id', value: 'string', active: true }] })
    expect(create.body).toEqual({ contentType: 'application/json', body: expect.stringContaining('"email": "user@example.com"') })
  })

  it('puts server URLs and empty (user-set) variables in an environment file, other variables in the collection', () => {
    const both: Collection = { name: 'c', items: [], variables: { baseUrl: 'https://api.example.com', token: '', extension: 'png' } }
    expect(toHoppscotchEnvironment(both)).toEqual({
      v: 2,
      id: 'env',
      name: 'c',
      variables: [
        { key: 'baseUrl', initialValue: 'https://api.example.com', currentValue: 'https://api.example.com', secret: false },
        { key: 'token', initialValue: '', currentValue: '', secret: true },
      ],
    })
    expect(toHoppscotchCollection(both).variables).toEqual([{ key: 'extension', initialValue: 'png', currentValue: 'png', secret: false }])
  })

  it('keeps request descriptions (request schema v17 has the field)', () => {
    expect(toHoppscotchCollection(single({ description: 'Creates an x.' })).requests[0]!.description).toBe('Creates an x.')
  })

  it('maps form bodies to Hoppscotch form rows and key: value lines', () => {
    const form = toHoppscotchCollection(single({ body: { mediaType: 'multipart/form-data', text: 'name=A%20B&file=' } })).requests[0]!.body
    expect(form).toEqual({
      contentType: 'multipart/form-data',
      body: [
        { key: 'name', value: 'A B', active: true, isFile: false },
        { key: 'file', value: '', active: true, isFile: false },
      ],
    })
    const urlencoded = toHoppscotchCollection(single({ body: { mediaType: 'application/x-www-form-urlencoded', text: 'a=1&b=x%3Ay&c={{v}}' } })).requests[0]!.body
    expect(urlencoded).toEqual({ contentType: 'application/x-www-form-urlencoded', body: 'a: 1\nb: "x:y"\nc: <<v>>' })
    expect(toHoppscotchCollection(single({ body: { mediaType: 'application/problem+json', text: '{}' } })).requests[0]!.body).toEqual({ contentType: 'application/json', body: '{}' })
    expect(toHoppscotchCollection(single({ body: { mediaType: 'application/yaml', text: 'a: 1' } })).requests[0]!.body).toEqual({ contentType: 'text/plain', body: 'a: 1' })
  })

  it("maps auth to Hoppscotch's types", () => {
    const authOf = (auth: Request['auth']) => toHoppscotchCollection(single(auth === undefined ? {} : { auth })).requests[0]!.auth
    expect(authOf(undefined)).toEqual({ authType: 'inherit', authActive: true })
    expect(authOf({ type: 'none' })).toEqual({ authType: 'none', authActive: true })
    expect(authOf({ type: 'basic', username: 'u', password: '{{pw}}' })).toEqual({ authType: 'basic', authActive: true, username: 'u', password: '<<pw>>' })
    expect(authOf({ type: 'apikey', key: 'api_key', value: '{{apiKey}}', in: 'query' })).toEqual({ authType: 'api-key', authActive: true, key: 'api_key', value: '<<apiKey>>', addTo: 'QUERY_PARAMS' })
    expect(authOf({ type: 'oauth2', grant_type: 'client_credentials', accessTokenUrl: 'https://auth/token', clientId: 'id', clientSecret: 's', scope: 'read' })).toEqual({
      authType: 'oauth-2',
      authActive: true,
      addTo: 'HEADERS',
      grantTypeInfo: { grantType: 'CLIENT_CREDENTIALS', authEndpoint: 'https://auth/token', clientID: 'id', clientSecret: 's', clientAuthentication: 'IN_BODY', scopes: 'read', token: '' },
    })
    expect(authOf({ type: 'oauth2', grant_type: 'authorization_code', authUrl: 'https://auth/a', accessTokenUrl: 'https://auth/t' })).toMatchObject({
      grantTypeInfo: { grantType: 'AUTHORIZATION_CODE', authEndpoint: 'https://auth/a', tokenEndpoint: 'https://auth/t', isPKCE: false },
    })
    expect(authOf({ type: 'hawk', authId: 'x' })).toEqual({ authType: 'inherit', authActive: true })
  })

  it('carries collection and folder auth, descriptions and scripts', () => {
    const hoppscotch = toHoppscotchCollection({
      name: 'c',
      description: 'About',
      auth: { type: 'bearer', token: 't' },
      scripts: { test: 'pw.test()' },
      items: [{ type: 'folder', id: 'f', name: 'F', description: 'Folder docs', auth: { type: 'none' }, scripts: { preRequest: 'p' }, items: [] }],
    })
    expect(hoppscotch).toMatchObject({ description: 'About', auth: { authType: 'bearer', token: 't' }, testScript: 'pw.test()', preRequestScript: '' })
    expect(hoppscotch.folders[0]).toMatchObject({ _ref_id: 'f', description: 'Folder docs', auth: { authType: 'none' }, preRequestScript: 'p', testScript: '' })
  })
})
