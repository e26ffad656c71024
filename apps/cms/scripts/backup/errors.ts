/**
 * How `pnpm backup` and `pnpm restore` end: a message and an exit code, never a stack trace. 2 is bad input
 * (an unknown flag, a missing or unreadable file, something that is not a backup archive, a setting with no
 * meaning), 1 everything that was tried and refused or failed (a damaged archive, a target that is not
 * empty, a database that cannot be read).
 */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** Bad input: exit code 2. */
export const usageError = (message: string) => new CommandError(message, 2);

/** Runs a command's main function and exits with its code; any error is printed as one line of text. */
export function runCommand(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const code = error instanceof CommandError ? error.exitCode : 1;
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(code);
    },
  );
}
