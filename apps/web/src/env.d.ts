// Astro's ambient types (`*.astro` modules, `?url` imports), also for tools that run before `astro sync`
// writes .astro/types.d.ts.
/// <reference types="astro/client" />
