import type { LiveSourceConfig } from './config.js'
import { redactUrl } from '../shared/redact.js'

/** Placeholder shown instead of a header value. */
export const REDACTED = '[redacted]'

/** A copy of a config safe to show or emit: header values and URL credentials removed. */
export function redactConfig(config: LiveSourceConfig): LiveSourceConfig {
  const safe: LiveSourceConfig = { ...config }
  if (config.url !== undefined) safe.url = redactUrl(config.url)
  if (config.headers !== undefined) {
    safe.headers = Object.fromEntries(Object.keys(config.headers).map((name) => [name, REDACTED]))
  }
  return safe
}
