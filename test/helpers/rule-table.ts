import { RULE_CATALOG, SCHEMA_KIND_PREFIXES, type RuleEntry, type RuleFamily } from '../../src/diff/rule-catalog.js'

/** Marks around the generated table in README.md. */
export const RULE_TABLE_START = '<!-- rule-table:start (generated from src/diff/rule-catalog.ts by test/rule-catalog.test.ts) -->'
export const RULE_TABLE_END = '<!-- rule-table:end -->'

const FAMILY_ORDER: readonly RuleFamily[] = ['operation', 'parameter', 'request-body', 'response', 'schema', 'security', 'document', 'type', 'field', 'directive']

function cell(text: string): string {
  return text.replaceAll('|', '\\|')
}

function row(entry: RuleEntry): string {
  return `| \`${entry.kind}\` | ${entry.severity} | ${entry.formats.join(', ')} | ${cell(entry.reason)} | ${cell(entry.example)} |`
}

/** The README's rule table: one row per rule, by family, in the catalog's order. */
export function ruleTable(): string {
  const entries = [...RULE_CATALOG.values()]
  const lines = [
    RULE_TABLE_START,
    '',
    `${entries.length} rules. "severity" is the most severe level a rule reports; the reason says when it reports less.`,
    `Schema rules are listed by their \`schema-\` kind and are also reported as ${SCHEMA_KIND_PREFIXES.filter((prefix) => prefix !== 'schema-')
      .map((prefix) => `\`${prefix}…\``)
      .join(' and ')} (a parameter's or response header's schema), each with \`property-\` after the prefix when found below the schema's root (\`schema-property-enum-value-added\`).`,
  ]
  for (const family of FAMILY_ORDER) {
    const inFamily = entries.filter((entry) => entry.family === family)
    if (inFamily.length === 0) continue
    lines.push('', `<details><summary>${family} (${inFamily.length})</summary>`, '', '| kind | severity | formats | why | example |', '| --- | --- | --- | --- | --- |')
    lines.push(...inFamily.map(row), '', '</details>')
  }
  lines.push('', RULE_TABLE_END)
  return lines.join('\n')
}

/** The generated table as it currently sits in a README text, or undefined when the marks are missing. */
export function ruleTableIn(readme: string): string | undefined {
  const start = readme.indexOf(RULE_TABLE_START)
  const end = readme.indexOf(RULE_TABLE_END)
  return start < 0 || end < start ? undefined : readme.slice(start, end + RULE_TABLE_END.length)
}
