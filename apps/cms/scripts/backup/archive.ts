/**
 * The archive: one .tar.gz with manifest.json first, then database/ and uploads/. Written to a name beside
 * the target and renamed into place when complete (a cut backup leaves no archive that looks whole); read
 * in one pass that checks each entry against the manifest as it is extracted into a private folder, so that
 * nothing of an archive is used before all of it has been checked.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { CommandError, usageError } from './errors';
import { besideName, Hasher } from './files';
import { MANIFEST_NAME, parseManifest, type Manifest, type ManifestFile } from './manifest';

/** A file to pack: its place in the archive and where its bytes are now. */
export type SourceFile = ManifestFile & { source: string };

/** The manifest cannot be larger than this: ~300 bytes a file, a million files. */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

async function writeEntry(pack: tar.Pack, file: SourceFile): Promise<void> {
  const hasher = new Hasher();
  await new Promise<void>((resolve, reject) => {
    const entry = pack.entry({ name: file.path, size: file.size, mode: 0o644, mtime: new Date(0) }, (error) => (error ? reject(error) : resolve()));
    const input = createReadStream(file.source);
    input.once('error', (error: NodeJS.ErrnoException) => {
      const failure = error.code === 'ENOENT' ? new CommandError(`${file.path} was deleted while the backup ran: run the backup again`) : error;
      entry.destroy(failure);
      reject(failure);
    });
    input.pipe(hasher).on('data', (chunk: Buffer) => {
      if (!entry.write(chunk)) {
        input.pause();
        entry.once('drain', () => input.resume());
      }
    });
    hasher.once('end', () => {
      // A file that changed between its listing and now would not match its header or the manifest.
      if (hasher.size !== file.size || hasher.digest() !== file.sha256) {
        const error = new CommandError(`${file.path} changed while the backup ran (an upload deleted or replaced?): run the backup again`);
        entry.destroy(error);
        reject(error);
        return;
      }
      (entry as NodeJS.WritableStream).end();
    });
  });
}

/** Writes the archive at `out` (mode 600: it holds password and token hashes). */
export async function writeArchive(out: string, manifest: Manifest, files: SourceFile[]): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true });
  const partial = besideName(out, 'partial');
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 6 }), createWriteStream(partial, { mode: 0o600 }));
  try {
    pack.entry({ name: MANIFEST_NAME, mode: 0o644, mtime: new Date(manifest.createdAt) }, `${JSON.stringify(manifest, null, 2)}\n`);
    for (const file of files) await writeEntry(pack, file);
    pack.finalize();
    await written;
    await rename(partial, out);
  } catch (error) {
    pack.destroy(error as Error);
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

/** Why extraction stopped, in the words of someone holding the file. */
function reasonOf(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (error instanceof CommandError) return message;
  if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(message)) return 'it is truncated: its data ends before the end of the archive';
  if (code === 'Z_DATA_ERROR') return `its compressed data is corrupt (${message}): the file was damaged or changed`;
  if (/tar header|invalid|corrupt/i.test(message)) return `its tar data is corrupt (${message})`;
  return message;
}

class Refusal extends Error {}

async function readAll(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw new Refusal(`its ${MANIFEST_NAME} is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Checks the archive's start before reading it: a missing file or something else than gzip is bad input. */
async function checkIsGzip(file: string): Promise<void> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw usageError(error.code === 'ENOENT' ? `${file}: no such file` : `${file}: ${error.message}`);
  });
  if (!info.isFile()) throw usageError(`${file} is not a file`);
  const handle = await open(file, 'r');
  const head = Buffer.alloc(2);
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) throw usageError(`${file} is not a backup archive (not a .tar.gz file)`);
}

/**
 * Verifies the archive at `file` and extracts it into `dir`: the manifest first and valid, then every file
 * it lists exactly once, each of its size and sha256, and nothing else. Refuses with what is wrong.
 */
export async function readArchive(file: string, dir: string): Promise<Manifest> {
  await checkIsGzip(file);
  const extract = tar.extract();
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.once('error', (error) => extract.destroy(error));
  gunzip.once('error', (error) => extract.destroy(error));
  source.pipe(gunzip).pipe(extract);

  let manifest: Manifest | undefined;
  let expected = new Map<string, ManifestFile>();
  const seen = new Set<string>();
  try {
    for await (const entry of extract) {
      const { name, type, size } = entry.header;
      if (!manifest) {
        if (name !== MANIFEST_NAME || type !== 'file')
          throw usageError(`${file} is not a portal backup archive (it does not start with ${MANIFEST_NAME})`);
        const parsed = parseManifest(await readAll(entry as AsyncIterable<Buffer>, MAX_MANIFEST_BYTES));
        if ('problem' in parsed) throw new Refusal(parsed.problem);
        manifest = parsed.manifest;
        expected = new Map(manifest.files.map((listed) => [listed.path, listed]));
        continue;
      }
      const listed = expected.get(name);
      if (type !== 'file') throw new Refusal(`it holds ${name}, a ${type}, where only files belong`);
      if (!listed) throw new Refusal(`it holds ${name}, which its manifest does not list`);
      if (seen.has(name)) throw new Refusal(`it holds ${name} twice`);
      if (size !== listed.size) throw new Refusal(`${name} is ${size} bytes where the manifest says ${listed.size}`);
      seen.add(name);
      const target = path.join(dir, ...name.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      const hasher = new Hasher();
      await pipeline(entry, hasher, createWriteStream(target, { mode: 0o600 }));
      if (hasher.size !== listed.size) throw new Refusal(`${name} holds ${hasher.size} bytes where the manifest says ${listed.size}`);
      const sha256 = hasher.digest();
      if (sha256 !== listed.sha256)
        throw new Refusal(`${name} has sha256 ${sha256} where the manifest says ${listed.sha256}: its content was changed`);
    }
  } catch (error) {
    if (error instanceof CommandError && error.exitCode === 2) throw error;
    // A gzip file with no tar inside is not an archive; a damaged one is an archive refused.
    const zlib = /^Z_/.test((error as NodeJS.ErrnoException).code ?? '');
    if (!manifest && !zlib && !(error instanceof Refusal))
      throw usageError(`${file} is not a portal backup archive (the gzip file holds no tar archive)`);
    throw new CommandError(`archive refused, nothing was restored: ${file}: ${reasonOf(error)}`);
  } finally {
    source.destroy();
  }
  if (!manifest) throw usageError(`${file} is not a portal backup archive (it is empty)`);
  const missing = manifest.files.filter((listed) => !seen.has(listed.path)).map((listed) => listed.path);
  if (missing.length > 0) {
    throw new CommandError(
      `archive refused, nothing was restored: ${file}: it is truncated: ${missing.length} file(s) of the manifest are missing (${missing.slice(0, 3).join(', ')})`,
    );
  }
  return manifest;
}
