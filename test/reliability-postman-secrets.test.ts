import { describe, expect, it } from 'vitest'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { SyncEvents } from '../src/events/events.js'
import type { Collection } from '../src/model/collection.js'
import { memoryStore } from '../src/store/state-store.js'
import { stateKey } from '../src/store/persisted-state.js'
import { isSecretName, redactSecretsInText } from '../src/formats/postman/secret-names.js'
import { FakeLoader, content } from './helpers/fake-loader.js'

const SECRETS = ['QKEY-1111', 'ACCESS-2222', 'AUTHQ-3333', 'SIG-4444', 'XAUTH-5555', 'CLIENTKEY-6666', 'PASS-7777', 'TOKEN-8888', 'ACCTOKEN-9999', 'FORMPW-0000']

function collection(rawBody: string): string {
  return JSON.stringify({
    info: { name: 'Secrets', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      {
        name: 'Login',
        request: {
          method: 'POST',
          url: {
            raw: '{{baseUrl}}/login?key=QKEY-1111&access_key=ACCESS-2222&auth=AUTHQ-3333&sig=SIG-4444&page=2',
            host: ['{{baseUrl}}'],
            path: ['login'],
            query: [
              { key: 'key', value: 'QKEY-1111' },
              { key: 'access_key', value: 'ACCESS-2222' },
              { key: 'auth', value: 'AUTHQ-3333' },
              { key: 'sig', value: 'SIG-4444' },
              { key: 'page', value: '2' },
            ],
          },
          header: [
            { key: 'X-Auth', value: 'XAUTH-5555' },
            { key: 'X-Client-Key', value: 'CLIENTKEY-6666' },
            { key: 'Content-Type', value: 'application/json' },
          ],
          body: { mode: 'raw', raw: rawBody },
        },
        response: [
          {
            name: 'Signed in',
            code: 200,
            header: [{ key: 'Content-Type', value: 'application/json' }],
            body: '{\n  "access_token": "ACCTOKEN-9999",\n  "expires_in": 3600\n}',
          },
        ],
      },
      {
        name: 'Form login',
        request: { method: 'POST', url: '{{baseUrl}}/form-login', body: { mode: 'raw', raw: 'user=ann&password=FORMPW-0000' } },
      },
    ],
  })
}

describe('secrets of a Postman source (issue 11)', () => {
  it('never reach snapshots, saved state, change events or generated collections', async () => {
    const store = memoryStore()
    const loader = new FakeLoader().script(
      'postman-secrets',
      content(collection('{\n  "username": "ann",\n  "password": "PASS-7777",\n  "token": "TOKEN-8888"\n}')),
      content(collection('{\n  "username": "bob",\n  "password": "PASS-7777",\n  "token": "TOKEN-8888"\n}')),
    )
    const service = new LiveSyncService({ loader, store, onListenerError: () => {} })
    const events: unknown[] = []
    for (const event of Object.values(SyncEvents)) service.on(event, (payload: unknown) => events.push(payload))
    let written: Collection | undefined
    await service.addSource({ id: 'postman-secrets', name: 'P', type: 'postman', url: 'http://127.0.0.1:1/c.json', refreshInterval: 0 })
    service.attachTarget('postman-secrets', { read: async () => written, write: async (next) => void (written = next) })
    expect((await service.syncSource('postman-secrets')).status).toBe('success')
    const second = await service.syncSource('postman-secrets')
    expect(second.changesDetected).toBe(true) // the body changed: its change is still reported
    const everything = JSON.stringify({
      snapshot: service.getSnapshot('postman-secrets'),
      saved: await store.get(stateKey('postman-secrets')),
      events,
      written,
    })
    for (const secret of SECRETS) expect(everything).not.toContain(secret)
    expect(everything).toContain('[redacted]')
    expect(everything).toContain('bob') // what is not secret stays
    await service.dispose()
  })

  it('one list decides: the names of the issue are secrets, ordinary ones are not', () => {
    for (const name of ['key', 'access_key', 'auth', 'sig', 'X-Auth', 'X-Client-Key', 'password', 'token', 'access_token', 'api_key']) {
      expect(isSecretName(name), name).toBe(true)
    }
    for (const name of ['page', 'author', 'monkey', 'signup', 'username', 'expires_in', 'keyword']) expect(isSecretName(name), name).toBe(false)
  })

  it('redacts values in JSON, form and XML text and leaves the rest of the text as written', () => {
    expect(redactSecretsInText('{ "password" : "a\\"b", "n": 1, "token": 42 }')).toBe('{ "password" : "[redacted]", "n": 1, "token": "[redacted]" }')
    expect(redactSecretsInText('{"url": "https://x.test/?key=abc", "user": "{{user}}"}')).toBe('{"url": "https://x.test/?key=[redacted]", "user": "{{user}}"}')
    expect(redactSecretsInText('<login><password>pw</password><user>ann</user></login>')).toBe('<login><password>[redacted]</password><user>ann</user></login>')
    const plain = '{"name": "Rex", "tag": "dog"}'
    expect(redactSecretsInText(plain)).toBe(plain)
  })
})
