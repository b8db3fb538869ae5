import { createRequire } from 'node:module';
import { CommanderError, type Command } from 'commander';
import { compareCommand, type CompareOptions } from './compare-command.js';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';
import { CheckpointError } from '../train/checkpoint.js';
import { TrainingInterrupted } from '../train/run.js';
import { InputFileError, UsageError } from './resolve.js';
import { trainCommand, type TrainOptions } from './train-command.js';

function version(): string {
  try {
    return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Runs the CLI on `argv` (process.argv layout) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const run = async (fn: () => Promise<number>, cmd: Command): Promise<void> => {
    try {
      code = await fn();
    } catch (err) {
      // Our own usage checks go through commander so they print like its errors: message, then a hint to --help.
      if (err instanceof UsageError) cmd.error(`error: ${err.message}`, { exitCode: EXIT.usage, code: 'torchlet.usage' });
      // An unusable file (a corrupt checkpoint, --out naming a file): one line, no usage.
      if (err instanceof InputFileError || err instanceof CheckpointError) {
        process.stderr.write(`error: ${err instanceof CheckpointError ? `--resume: ${err.message}` : err.message}\n`);
        code = EXIT.usage;
        return;
      }
      // Ctrl-C / SIGTERM: the checkpoint is saved; one line says how to continue.
      if (err instanceof TrainingInterrupted) {
        process.stderr.write(`${err.message}\n`);
        code = err.exitCode;
        return;
      }
      throw err;
    }
  };
  const program = buildProgram(
    {
      train: (opts, cmd) => run(() => trainCommand(opts as unknown as TrainOptions, cmd), cmd),
      compare: (opts, cmd) => run(() => compareCommand(opts as unknown as CompareOptions, cmd), cmd),
    },
    version(),
  );
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  return code;
}
