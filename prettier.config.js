// @ts-check
/**
 * One Prettier config for the whole repository: `pnpm format` writes, `pnpm lint` checks.
 * Prettier's defaults (semicolons, trailing commas, 2 spaces) plus what the code was already written in:
 * single quotes and long lines (150 changed the fewest lines of the existing code).
 * @type {import('prettier').Config}
 */
export default {
  printWidth: 150,
  singleQuote: true,
  plugins: ['prettier-plugin-astro'],
};
