import type { TestProject } from 'vitest/node';
import type { DbKind } from './database';
import { prepareCmsTemplate } from './template';

/**
 * Once per run and database kind: a seeded template database every integration file copies (one seeded
 * by an earlier run of the same CMS within the hour is reused: prepareCmsTemplate's `reuse`). Shared as
 * `cms/testing/global-setup`; it imports nothing of vitest's runtime, which a globalSetup cannot use.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = (project.config.env?.TEST_DB ?? 'sqlite') as DbKind;
  const { template, cleanup } = await prepareCmsTemplate(kind, { reuse: true });
  project.provide('cmsTemplate', template);
  return cleanup;
}
