import type { Severity } from '../../../../model/change.js'
import type { Direction } from './types.js'

/** Fewer values accepted: breaks clients that send them (requests), harmless for readers (responses). */
export function narrowing(direction: Direction): Severity {
  return direction === 'request' ? 'breaking' : 'info'
}

/** More values possible: harmless for senders (requests), breaks clients that read them (responses). */
export function widening(direction: Direction): Severity {
  return direction === 'request' ? 'info' : 'breaking'
}
