/**
 * The manifest.json at the head of every archive: what the archive holds and how to know it is whole. Pure
 * functions; reading and writing are in archive.ts. A restore trusts nothing of an archive that this file
 * has not checked: the format, every path (relative, inside database/ or uploads/, no `..`) and every
 * size and sha256.
 */
import type { Counts } from './counts';
import { COUNT_NAMES } from './counts';

export const FORMAT = 'binhan-portal-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

/** One file of the archive besides the manifest. `contentType` is an S3 object's, put back on restore. */
export type ManifestFile = { path: string; size: number; sha256: string; contentType?: string };

export type Manifest = {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  /** `schema`: PostgreSQL's, which the dump's tables are in. */
  database: { kind: 'sqlite' | 'postgres'; path: string; schema?: string };
  uploads: { kind: 'local' | 's3'; count: number; bytes: number };
  counts: Counts;
  files: ManifestFile[];
};

/** A file's path in the archive: plain segments under database/ or uploads/, as a POSIX path. */
export function isSafeArchivePath(value: string): boolean {
  if (value.length === 0 || value.length > 1024 || value.includes('\\') || value.includes('\0')) return false;
  const segments = value.split('/');
  if (!['database', 'uploads'].includes(segments[0]) || segments.length < 2) return false;
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Why `value` is not a manifest this version reads, or undefined when it is one. */
export function manifestProblem(value: unknown): string | undefined {
  if (!isObject(value) || value.format !== FORMAT) return `it is not a portal backup (${MANIFEST_NAME} has no "format": "${FORMAT}")`;
  if (value.formatVersion !== FORMAT_VERSION) {
    return `its format version is ${JSON.stringify(value.formatVersion)}; this restore reads version ${FORMAT_VERSION} (a newer portal made it?)`;
  }
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) return 'the manifest has no valid createdAt';
  const database = value.database;
  if (!isObject(database) || !['sqlite', 'postgres'].includes(database.kind as string) || typeof database.path !== 'string') {
    return 'the manifest does not say which database it holds';
  }
  if (!isObject(value.uploads) || !['local', 's3'].includes(value.uploads.kind as string))
    return 'the manifest does not say where the uploads came from';
  if (!isObject(value.counts) || !COUNT_NAMES.every((name) => isCount((value.counts as Record<string, unknown>)[name]))) {
    return `the manifest's counts are incomplete (expected ${COUNT_NAMES.join(', ')})`;
  }
  if (!Array.isArray(value.files)) return 'the manifest has no file list';
  const seen = new Set<string>();
  for (const file of value.files as unknown[]) {
    if (!isObject(file) || typeof file.path !== 'string' || !isSafeArchivePath(file.path)) {
      return `the manifest lists a file with an unsafe or missing path: ${JSON.stringify(isObject(file) ? file.path : file)}`;
    }
    if (seen.has(file.path)) return `the manifest lists ${file.path} twice`;
    seen.add(file.path);
    if (!isCount(file.size) || typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) {
      return `the manifest's size or sha256 of ${file.path} is not valid`;
    }
    if (file.contentType !== undefined && typeof file.contentType !== 'string') return `the manifest's contentType of ${file.path} is not text`;
  }
  if (!seen.has(database.path) || !database.path.startsWith('database/')) {
    return `the manifest's database file ${JSON.stringify(database.path)} is not in its file list`;
  }
  return undefined;
}

/** Parses manifest.json's bytes, or says what is wrong with them. */
export function parseManifest(bytes: Buffer): { manifest: Manifest } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { problem: `its ${MANIFEST_NAME} is not valid JSON` };
  }
  const problem = manifestProblem(value);
  return problem ? { problem } : { manifest: value as Manifest };
}
