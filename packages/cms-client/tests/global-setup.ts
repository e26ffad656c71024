import type { DbKind } from 'cms/testing';
import { prepareCmsTemplate } from 'cms/testing/setup';
import type { TestProject } from 'vitest/node';

/**
 * Once per run and database kind: the CMS's seeded template database, which every integration file copies.
 * Imports `cms/testing/setup`, not `cms/testing`: the latter loads vitest's runtime, which globalSetup lacks.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = (project.config.env?.TEST_DB ?? 'sqlite') as DbKind;
  const { template, cleanup } = await prepareCmsTemplate(kind);
  project.provide('cmsTemplate', template);
  return cleanup;
}
