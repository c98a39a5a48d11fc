import type { SyncEventName, SyncEventPayloads } from '../events/events.js'
import type { LiveSyncService } from '../service/LiveSyncService.js'

/**
 * Resolves with the payload of the next `event` the service emits (that `matches`, when given):
 * a gate a test awaits instead of sleeping. Pair it with `clock.runUntil` when time must pass first.
 *
 * @example
 * const { changes } = await clock.runUntil(nextEvent(service, 'changes:detected'))
 */
export function nextEvent<E extends SyncEventName>(
  service: Pick<LiveSyncService, 'on' | 'off'>,
  event: E,
  matches: (payload: SyncEventPayloads[E]) => boolean = () => true,
): Promise<SyncEventPayloads[E]> {
  return new Promise((resolve) => {
    const listener = (payload: SyncEventPayloads[E]) => {
      if (!matches(payload)) return
      service.off(event, listener)
      resolve(payload)
    }
    service.on(event, listener)
  })
}
