import type { TestProject } from 'vitest/node';
import type { DbKind } from './helpers/database';
import { prepareCmsTemplate } from './helpers/template';

/** Once per run and database kind: a seeded template database every integration file copies. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = (project.config.env?.TEST_DB ?? 'sqlite') as DbKind;
  const { template, cleanup } = await prepareCmsTemplate(kind);
  project.provide('cmsTemplate', template);
  return cleanup;
}
