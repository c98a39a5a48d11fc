// A document the format refused is not parsed again while its bytes stay the same (issue 11, item 7:
// a 629 KiB YAML document ran 40 s and failed again on every poll).
import { describe, expect, it, vi } from 'vitest'
import { NetworkError } from '../src/errors/errors.js'
import { openapiFormat } from '../src/formats/openapi/index.js'
import type { SpecFormat } from '../src/formats/types.js'
import { content, openapiDoc } from './helpers/fake-loader.js'
import { createTestService, sourceConfig } from './helpers/service.js'

const good = openapiDoc({ 'get /pets': {} })
const better = openapiDoc({ 'get /pets': {}, 'post /pets': {} })
const yaml = (text: string) => content(text, { contentType: 'application/yaml' })
/** A YAML alias bomb: refused by the parser's alias budget. */
function bomb(levels: number): string {
  const lines = ['openapi: 3.0.3', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
  for (let level = 1; level <= levels; level++) lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`)
  return `${lines.join('\n')}\n`
}

/** The OpenAPI format with its normalize calls counted. */
function countedOpenApi() {
  const normalize = vi.fn(openapiFormat.normalize)
  const format: SpecFormat = { ...openapiFormat, normalize }
  return { format, normalize }
}

describe('a known-bad document', () => {
  it('fails again with the same error, without being parsed, until its bytes change', async () => {
    const { format, normalize } = countedOpenApi()
    const { service, loader } = createTestService({ formats: [format] })
    const config = sourceConfig()
    loader.script(config.id, content(good), yaml(bomb(12)), yaml(bomb(12)), yaml(bomb(12)), yaml(bomb(13)), content(better))
    await service.addSource(config)

    expect((await service.syncSource(config.id)).status).toBe('success')
    expect(normalize).toHaveBeenCalledTimes(1)

    const first = await service.syncSource(config.id)
    expect(first.status).toBe('failed')
    expect(first.error).toMatchObject({ code: 'PARSE_ERROR', format: 'yaml', sourceId: config.id })
    expect(first.error?.message).toContain('alias expansion')
    expect(normalize).toHaveBeenCalledTimes(2)

    for (let poll = 0; poll < 2; poll++) {
      const again = await service.syncSource(config.id)
      expect(again.status).toBe('failed')
      expect(again.error).toBe(first.error)
    }
    expect(normalize).toHaveBeenCalledTimes(2)
    expect(service.getSourceStatus(config.id)).toMatchObject({ status: 'failed', consecutiveFailures: 3, errorCode: 'PARSE_ERROR' })

    // Other bad bytes are read; so are good ones, which diff against the last good snapshot.
    expect((await service.syncSource(config.id)).status).toBe('failed')
    expect(normalize).toHaveBeenCalledTimes(3)
    const recovered = await service.syncSource(config.id)
    expect(recovered.status).toBe('success')
    expect(recovered.changes?.added.map((operation) => operation.key)).toEqual(['POST /pets'])
    expect(normalize).toHaveBeenCalledTimes(4)
  })

  it('is read again after updateSource, since the config decides how it is read', async () => {
    const { format, normalize } = countedOpenApi()
    const { service, loader } = createTestService({ formats: [format] })
    const config = sourceConfig()
    loader.script(config.id, yaml(bomb(12)))
    await service.addSource(config)
    await service.syncSource(config.id)
    await service.syncSource(config.id)
    expect(normalize).toHaveBeenCalledTimes(1)
    await service.updateSource({ ...config, name: 'Renamed' })
    expect((await service.syncSource(config.id)).status).toBe('failed')
    expect(normalize).toHaveBeenCalledTimes(2)
  })

  it('a failure that is not a verdict on the document (a passing error) is not remembered', async () => {
    let calls = 0
    const flaky: SpecFormat = {
      ...openapiFormat,
      normalize: (text, context) => {
        calls++
        if (calls === 1) throw new NetworkError('the worker went away')
        return openapiFormat.normalize(text, context)
      },
    }
    const { service, loader } = createTestService({ formats: [flaky] })
    const config = sourceConfig()
    loader.script(config.id, content(good))
    await service.addSource(config)
    expect((await service.syncSource(config.id)).error?.code).toBe('NETWORK_ERROR')
    expect((await service.syncSource(config.id)).status).toBe('success')
    expect(calls).toBe(2)
  })
})
