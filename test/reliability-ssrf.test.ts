import { afterEach, describe, expect, it } from 'vitest'
import { createHttpLoader } from '../src/loaders/http-loader.js'
import { privateAddressKind } from '../src/loaders/network-guard.js'
import { createNodeLoader } from '../src/node/node-loader.js'
import { LiveSyncService } from '../src/service/LiveSyncService.js'
import { loadRequest, sourceFor } from './helpers/loader-tests.js'
import { serve } from './helpers/serve.js'

/** A fetch that records every request and must never be reached for a refused URL. */
function recordingFetch(answer: (url: string) => Response = () => new Response('{}', { status: 200 })) {
  const calls: string[] = []
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = String(input)
    calls.push(url)
    return answer(url)
  }) as typeof fetch
  return { fetchImpl, calls }
}

const publicResolver = async () => ['203.0.113.10']

describe('privateAddressKind', () => {
  it.each([
    ['127.0.0.1', 'a loopback'],
    ['0.0.0.0', 'an unspecified'],
    ['169.254.169.254', 'a link-local'],
    ['10.1.2.3', 'a private'],
    ['172.16.0.1', 'a private'],
    ['192.168.1.1', 'a private'],
    ['100.64.0.1', 'a shared (carrier-grade NAT)'],
    ['::1', 'a loopback'],
    ['::', 'an unspecified'],
    ['fe80::1', 'a link-local'],
    ['fd00::1', 'a private'],
    ['::ffff:169.254.169.254', 'a link-local'],
    ['::ffff:a9fe:a9fe', 'a link-local'],
    ['::ffff:7f00:1', 'a loopback'],
    ['64:ff9b::a9fe:a9fe', 'a link-local'],
  ])('%s is %s address', (address, kind) => {
    expect(privateAddressKind(address)).toBe(kind)
  })

  it.each(['203.0.113.10', '8.8.8.8', '172.32.0.1', '2001:db8::1', '::ffff:8.8.8.8', 'example.com'])('%s is public (or not an address)', (address) => {
    expect(privateAddressKind(address)).toBeUndefined()
  })
})

describe('allowPrivateNetworks: false refuses private destinations before connecting (SSRF guard)', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data',
    'http://[::ffff:169.254.169.254]/latest',
    'http://2852039166/latest', // 169.254.169.254 as one decimal number
    'http://127.0.0.1:8080/spec.json',
    'http://[::1]/spec.json',
    'http://0.0.0.0/spec.json',
    'http://localhost/spec.json',
    'http://api.localhost/spec.json',
  ])('refuses %s without a request', async (url) => {
    const { fetchImpl, calls } = recordingFetch()
    const loader = createHttpLoader({ fetch: fetchImpl, allowPrivateNetworks: false })
    await expect(loader.load(sourceFor(url), loadRequest())).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      retryable: false,
      message: expect.stringMatching(/refused to connect to .*allowPrivateNetworks is false/),
    })
    expect(calls).toEqual([])
  })

  it('refuses a host name that resolves to a private address, through the injected resolver', async () => {
    const { fetchImpl, calls } = recordingFetch()
    const resolved: string[] = []
    const resolveHost = async (hostname: string) => {
      resolved.push(hostname)
      return ['203.0.113.10', '10.0.0.5']
    }
    const loader = createHttpLoader({ fetch: fetchImpl, allowPrivateNetworks: false, resolveHost })
    await expect(loader.load(sourceFor('https://internal.example.test/spec.json'), loadRequest())).rejects.toThrow(
      /internal\.example\.test \(10\.0\.0\.5\), a private address/,
    )
    expect(resolved).toEqual(['internal.example.test'])
    expect(calls).toEqual([])
  })

  it('refuses a redirect to the cloud metadata address before following it', async () => {
    const { fetchImpl, calls } = recordingFetch((url) =>
      url.startsWith('http://api.example.test')
        ? new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } })
        : new Response('{}', { status: 200 }),
    )
    const loader = createHttpLoader({ fetch: fetchImpl, allowPrivateNetworks: false, resolveHost: publicResolver })
    await expect(loader.load(sourceFor('http://api.example.test/spec.json'), loadRequest())).rejects.toThrow(/169\.254\.169\.254, a link-local address/)
    expect(calls).toEqual(['http://api.example.test/spec.json'])
  })

  it('lets public destinations through', async () => {
    const { fetchImpl, calls } = recordingFetch(() => new Response('{"openapi":"3.0.3"}', { status: 200 }))
    const loader = createHttpLoader({ fetch: fetchImpl, allowPrivateNetworks: false, resolveHost: publicResolver })
    await expect(loader.load(sourceFor('https://api.example.test/spec.json'), loadRequest())).resolves.toMatchObject({ content: '{"openapi":"3.0.3"}' })
    expect(calls).toEqual(['https://api.example.test/spec.json'])
  })

  it('the Node loader resolves names with the system resolver: localhost names of a real server are refused, and allowed by default', async () => {
    const server = await serve((_request, response) => void response.writeHead(200, { 'content-type': 'application/json' }).end('{}'))
    const url = server.url.replace('127.0.0.1', 'localhost')
    await expect(createNodeLoader({ allowPrivateNetworks: false }).load(sourceFor(`${server.url}/spec.json`), loadRequest())).rejects.toThrow(/a loopback address/)
    expect(server.requests).toEqual([])
    await expect(createNodeLoader().load(sourceFor(`${url}/spec.json`), loadRequest())).resolves.toMatchObject({ content: '{}' })
  })
})

describe('the service option', () => {
  const services: LiveSyncService[] = []
  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.dispose()))
  })

  it('is passed to the default loader: a private URL fails the sync without a request', async () => {
    const { fetchImpl, calls } = recordingFetch()
    const service = new LiveSyncService({ fetch: fetchImpl, allowPrivateNetworks: false, retry: { retries: 0 }, onListenerError: () => {} })
    services.push(service)
    await service.addSource({ id: 'metadata', name: 'M', type: 'openapi', url: 'http://169.254.169.254/latest', refreshInterval: 0 })
    const result = await service.syncSource('metadata')
    expect(result).toMatchObject({ status: 'failed', error: { code: 'NETWORK_ERROR' } })
    expect(calls).toEqual([])
  })
})
