import packageJson from '../../package.json' with { type: 'json' }

/** The package version, inlined at build time (no file lookup at run time, in ESM or CJS). */
export const VERSION: string = packageJson.version
