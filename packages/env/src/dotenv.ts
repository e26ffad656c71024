/** One `KEY=value` line of a .env file, or any other line kept as it is (comments, blanks). */
export type EnvLine = { key: string; value: string } | { text: string };

const ASSIGNMENT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    return value.slice(1, -1);
  }
  return value.replace(/\s+#.*$/, '');
}

/** Parses a .env file, keeping comments and unknown lines so that rewriting it loses nothing. */
export function parseEnv(text: string): EnvLine[] {
  return text.split(/\r?\n/).map((line) => {
    const match = ASSIGNMENT.exec(line);
    return match && !line.trimStart().startsWith('#') ? { key: match[1], value: unquote(match[2]) } : { text: line };
  });
}

/** Writes lines back; values with spaces, quotes or `#` are double-quoted. */
export function formatEnv(lines: EnvLine[]): string {
  const body = lines
    .map((line) => {
      if ('text' in line) return line.text;
      return /[\s#"'=]/.test(line.value) ? `${line.key}="${line.value.replace(/"/g, '\\"')}"` : `${line.key}=${line.value}`;
    })
    .join('\n');
  return body.endsWith('\n') ? body : `${body}\n`;
}

/** The key/value pairs of parsed lines, the last assignment winning as in a shell. */
export function toRecord(lines: EnvLine[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const line of lines) if ('key' in line) record[line.key] = line.value;
  return record;
}
