import { prepareCmsTemplate } from 'cms/testing/setup';
import type { TestProject } from 'vitest/node';

/** A seeded CMS template for the run; each publisher test file starts its own copy of it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { template, cleanup } = await prepareCmsTemplate('sqlite');
  project.provide('cmsTemplate', template);
  return cleanup;
}
