import type { z } from 'zod'
import type { ConfigIssue } from '../errors/errors.js'

/** Turns zod issues into field-named issues and one message that lists them all. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { issues: ConfigIssue[]; text: string } {
  const described = issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }))
  return { issues: described, text: described.map((issue) => `${issue.path}: ${issue.message}`).join('; ') }
}
