// The test clock's way of yielding to the event loop, with fake timers installed and without MessageChannel.
import { afterEach, expect, it, vi } from 'vitest'
import { nextTurn } from '../src/testing/next-turn.js'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

it('yields a real turn of the event loop while vitest fakes the timers', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'Date', 'queueMicrotask'] })
  const order: string[] = []
  const io = new Promise<void>((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      order.push('message')
      resolve()
    }
    channel.port2.postMessage(undefined)
  })
  await nextTurn()
  await nextTurn()
  order.push('after two turns')
  await io
  expect(order).toEqual(['message', 'after two turns'])
})

it('falls back to the setTimeout of import time where there is no MessageChannel, even under fake timers', async () => {
  vi.stubGlobal('MessageChannel', undefined)
  vi.useFakeTimers()
  await expect(nextTurn()).resolves.toBeUndefined()
})
