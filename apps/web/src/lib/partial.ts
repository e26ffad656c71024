import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Partial builds. The publisher sets WEB_PARTIAL to a JSON file `{ baseDir, articles }`: the live release
 * and the documentIds of changed articles. The articles loader refetches only those and records what they
 * were before and after (the plan); routes render only the pages the plan touches; the assemble step links
 * every other page from the live release. Without WEB_PARTIAL everything is built.
 */
export type PartialRequest = { baseDir: string; articles: string[] };

/** Where an article sat in the site before or after a change. */
export type Snapshot = { documentId: string; slug: string; category: string | null; parentCategory: string | null; author: string | null };

export type Plan = { full: boolean; changes: Array<{ before: Snapshot | null; after: Snapshot | null }> };

export function partialRequest(env: NodeJS.ProcessEnv = process.env): PartialRequest | null {
  const file = env.WEB_PARTIAL;
  if (!file) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as PartialRequest;
}

const planFile = () => `${process.env.WEB_PARTIAL}.plan.json`;
const manifestDir = () => `${process.env.WEB_PARTIAL}.pages`;

/** Written by the articles loader once it knows what changed. */
export function writePlan(plan: Plan): void {
  writeFileSync(planFile(), JSON.stringify(plan));
}

/** The plan of this build, or null when everything is built. */
export function readPlan(): Plan | null {
  if (!process.env.WEB_PARTIAL || !existsSync(planFile())) return null;
  const plan = JSON.parse(readFileSync(planFile(), 'utf8')) as Plan;
  return plan.full ? null : plan;
}

/** Records every page URL a route would produce, rendered this time or not: the assemble step keeps those. */
export function recordPages(route: string, urls: string[]): void {
  if (!process.env.WEB_PARTIAL) return;
  mkdirSync(manifestDir(), { recursive: true });
  writeFileSync(path.join(manifestDir(), `${route.replace(/[^a-z0-9]+/gi, '_')}.json`), JSON.stringify(urls));
}

/** Every page URL recorded by the routes of this build. */
export function recordedPages(): Set<string> {
  const dir = manifestDir();
  const urls = new Set<string>();
  if (!existsSync(dir)) return urls;
  for (const name of readdirSync(dir)) {
    for (const url of JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as string[]) urls.add(url);
  }
  return urls;
}
