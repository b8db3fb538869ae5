// Compiles one of this package's AssemblyScript files (assembly/) at run time, for the bench's notes
// (the machine limit, the memory model): nothing is prebuilt or downloaded.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface AscModule {
  main(
    args: string[],
    options: {
      readFile(name: string): string | null;
      writeFile(name: string, data: Uint8Array): void;
      stdout: { write(s: string): boolean };
      stderr: { write(s: string): boolean };
    },
  ): Promise<{ error: Error | null }>;
}

/** The compiled module of assembly/<file> (-O3, stub runtime, SIMD on), or a message saying why not. */
export async function compileAssembly(file: string, flags: readonly string[] = []): Promise<WebAssembly.Module | string> {
  try {
    const asc = (await import('assemblyscript/asc')) as unknown as AscModule;
    const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'assembly', file), 'utf8');
    let binary: Uint8Array | null = null;
    const { error } = await asc.main([file, '--outFile', 'out.wasm', '-O3', '--runtime', 'stub', '--enable', 'simd', ...flags], {
      readFile: (name) => (name === file ? source : null),
      writeFile: (name, data) => {
        if (name.endsWith('.wasm')) binary = data;
      },
      stdout: { write: () => true },
      stderr: { write: () => true },
    });
    if (error || binary === null) return `could not compile assembly/${file} (${error?.message ?? 'no output'})`;
    return new WebAssembly.Module(binary as unknown as Uint8Array<ArrayBuffer>);
  } catch (e) {
    return `could not compile assembly/${file} (${(e as Error).message})`;
  }
}
