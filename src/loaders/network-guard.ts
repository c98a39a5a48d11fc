import { NetworkError } from '../errors/errors.js'
import type { RequestContext } from './request-context.js'

/**
 * Resolves a host name to its IP addresses (`dns.lookup` with `all: true` in Node). Injected, so the
 * main entry stays browser-safe: without one only literal IPs and `localhost` names can be checked.
 */
export type HostResolver = (hostname: string) => Promise<readonly string[]>

/** Why an address is not public, or `undefined` when it is. */
export function privateAddressKind(address: string): string | undefined {
  const v4 = parseIPv4(address)
  if (v4 !== undefined) return ipv4Kind(v4)
  const v6 = parseIPv6(address)
  return v6 === undefined ? undefined : ipv6Kind(v6)
}

/**
 * Refuses, before any connection, a URL whose host is or resolves to a loopback, link-local, private,
 * shared or unspecified address (cloud metadata at 169.254.169.254 included): the SSRF guard of
 * `allowPrivateNetworks: false`. Every address a name resolves to must be public. Host names are
 * resolved again by fetch when it connects, so a DNS server that answers differently the second
 * time is not caught (README, "Reliability").
 */
export async function assertPublicUrl(url: string, context: RequestContext, resolveHost: HostResolver | undefined): Promise<void> {
  const hostname = hostOf(url)
  if (hostname === undefined) return
  const literal = privateAddressKind(hostname)
  if (literal !== undefined) throw refused(context, hostname, literal)
  if (parseIPv4(hostname) !== undefined || parseIPv6(hostname) !== undefined) return
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) throw refused(context, hostname, 'a loopback name')
  if (resolveHost === undefined) return
  let addresses: readonly string[]
  try {
    addresses = await resolveHost(hostname)
  } catch (error) {
    throw new NetworkError(`${context.label}: the host ${hostname} could not be resolved`, { sourceId: context.sourceId, cause: error })
  }
  for (const address of addresses) {
    const kind = privateAddressKind(address)
    if (kind !== undefined) throw refused(context, `${hostname} (${address})`, kind)
  }
}

function refused(context: RequestContext, host: string, kind: string): NetworkError {
  return new NetworkError(
    `${context.label}: refused to connect to ${host}, ${kind} address, because allowPrivateNetworks is false`,
    { sourceId: context.sourceId, retryable: false },
  )
}

/** The URL's host without IPv6 brackets, lower-cased; `undefined` for a URL that does not parse. */
function hostOf(url: string): string | undefined {
  try {
    const hostname = new URL(url).hostname.toLowerCase()
    return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname.replace(/\.$/, '')
  } catch {
    return undefined
  }
}

function ipv4Kind([a, b]: readonly number[]): string | undefined {
  if (a === undefined || b === undefined) return undefined
  if (a === 0) return 'an unspecified'
  if (a === 127) return 'a loopback'
  if (a === 169 && b === 254) return 'a link-local'
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'a private'
  if (a === 100 && b >= 64 && b <= 127) return 'a shared (carrier-grade NAT)'
  if (a === 192 && b === 0) return 'a reserved'
  if (a === 198 && (b === 18 || b === 19)) return 'a reserved'
  if (a >= 224) return 'a multicast or reserved'
  return undefined
}

function ipv6Kind(words: readonly number[]): string | undefined {
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0] = words
  const embeddedV4 = [w6 >> 8, w6 & 0xff, w7 >> 8, w7 & 0xff]
  const upperZero = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0
  if (upperZero && w5 === 0 && w6 === 0 && w7 === 0) return 'an unspecified'
  if (upperZero && w5 === 0 && w6 === 0 && w7 === 1) return 'a loopback'
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address.
  if (upperZero && (w5 === 0xffff || w5 === 0)) return ipv4Kind(embeddedV4)
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) return ipv4Kind(embeddedV4)
  if ((w0 & 0xffc0) === 0xfe80) return 'a link-local'
  if ((w0 & 0xffc0) === 0xfec0 || (w0 & 0xfe00) === 0xfc00) return 'a private'
  if ((w0 & 0xff00) === 0xff00) return 'a multicast'
  return undefined
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined
  return parts.map(Number)
}

/** Eight 16-bit words, or `undefined` when `text` is not an IPv6 address (a zone id is ignored). */
function parseIPv6(text: string): number[] | undefined {
  let address = text.split('%', 1)[0] ?? ''
  if (!address.includes(':')) return undefined
  // A dotted tail (`::ffff:127.0.0.1`) is two hex groups written in IPv4 notation.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address)
  if (dotted) {
    const v4 = parseIPv4(dotted[2]!)
    if (v4 === undefined) return undefined
    address = `${dotted[1]!}${(((v4[0]! << 8) | v4[1]!) >>> 0).toString(16)}:${(((v4[2]! << 8) | v4[3]!) >>> 0).toString(16)}`
  }
  const halves = address.split('::')
  if (halves.length > 2) return undefined
  const parse = (part: string | undefined): number[] | undefined => {
    if (part === undefined || part === '') return []
    const groups = part.split(':')
    if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined
    return groups.map((group) => parseInt(group, 16))
  }
  const left = parse(halves[0])
  const right = halves.length === 2 ? parse(halves[1]) : []
  if (left === undefined || right === undefined) return undefined
  const known = left.length + right.length
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined
  return [...left, ...new Array<number>(8 - known).fill(0), ...right]
}
