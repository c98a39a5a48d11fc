/**
 * The one list of names whose values are credentials: headers, query parameters, form fields and
 * JSON / form / XML fields of bodies and saved responses. A collection is shared widely and a snapshot
 * is stored, diffed and logged, so their values are left out (issue 11, "Postman-source secrets").
 */
const SECRET_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])
/** Names that contain one of these are secrets wherever the word sits (`access_token`, `x-api-key`, `client_secret`). */
const SECRET_PARTS = /token|secret|password|passwd|passphrase|api[-_]?key|apikey|signature|session|credential/i
/** Short words that are secrets as a whole name or its last part (`key`, `access_key`, `x-client-key`, `auth`, `x-auth`, `sig`). */
const SECRET_LAST_WORDS = /(?:^|[-_.])(?:key|auth|sig|pwd)$/i

/** Stands in for a secret value kept in a body's text. */
export const REDACTED_VALUE = '[redacted]'

/** Whether a value sent under this name is a credential that must not be kept. */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase()) || SECRET_PARTS.test(name) || SECRET_LAST_WORDS.test(name)
}

/** `"password": "..."` (JSON, string values), with the closing quote found past escaped ones. */
const JSON_STRING_FIELD = /("((?:[^"\\]|\\.){1,100})"\s*:\s*)"(?:[^"\\]|\\.)*"/g
/** `"token": 123` (JSON, bare values: numbers and literals; a `{{variable}}` names no secret and stays). */
const JSON_BARE_FIELD = /("((?:[^"\\]|\\.){1,100})"\s*:\s*)(?!["{[\s])([^,}\]\s]+)/g
/** `password=...` in a form-encoded or query-like text. */
const FORM_FIELD = /(^|[?&\s])([\w.\-[\]]{1,100})=([^&\s"'<>,}]*)/g
/** `<password>...</password>` in XML. */
const XML_FIELD = /<([\w.:-]{1,100})>([^<]*)<\/\1>/g

/**
 * The text of a body or saved response with the values of secret-named fields replaced by
 * {@link REDACTED_VALUE}; the rest of the text, layout included, is kept as written. Text without
 * such fields is returned as is, so its snapshot does not move.
 */
export function redactSecretsInText(text: string): string {
  if (!SECRET_PARTS.test(text) && !/(?:key|auth|sig|pwd|cookie)/i.test(text)) return text
  return text
    .replace(JSON_STRING_FIELD, (whole, head: string, name: string) => (isSecretName(name) ? `${head}"${REDACTED_VALUE}"` : whole))
    .replace(JSON_BARE_FIELD, (whole, head: string, name: string) => (isSecretName(name) ? `${head}"${REDACTED_VALUE}"` : whole))
    .replace(FORM_FIELD, (whole, lead: string, name: string) => (isSecretName(name) ? `${lead}${name}=${REDACTED_VALUE}` : whole))
    .replace(XML_FIELD, (whole, name: string) => (isSecretName(name) ? `<${name}>${REDACTED_VALUE}</${name}>` : whole))
}
