// Reads the Dockerfile the way the tests need it: stages, COPY lines, ENV,
// USER, CMD. Enough of the syntax for this project's own Dockerfile
// (backslash continuations, one instruction per line), not a general parser.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type TCopy = { from?: string; sources: string[]; dest: string };
export type TStage = {
  name?: string;
  workdir: string;
  env: Record<string, string>;
  copies: TCopy[];
  user?: string;
  cmd?: string[];
};

export const DOCKERFILE = path.resolve(import.meta.dirname, '..', 'Dockerfile');

export function readDockerfile(file = DOCKERFILE): TStage[] {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: TStage[] = [];
  for (const line of lines) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const stage = stages.at(-1);
    switch (instruction.toUpperCase()) {
      case 'FROM':
        stages.push({ name: /\sAS\s+(\S+)/i.exec(line)?.[1], workdir: '/', env: {}, copies: [] });
        break;
      case 'WORKDIR':
        if (stage) stage.workdir = path.posix.resolve(stage.workdir, rest[0] ?? '.');
        break;
      case 'ENV':
        for (const pair of rest) {
          const eq = pair.indexOf('=');
          if (stage && eq > 0) stage.env[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
        break;
      case 'COPY': {
        const flags = rest.filter((w) => w.startsWith('--'));
        const paths = rest.filter((w) => !w.startsWith('--'));
        const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
        stage?.copies.push({ from, sources: paths.slice(0, -1), dest: paths.at(-1) ?? '' });
        break;
      }
      case 'USER':
        if (stage) stage.user = rest[0];
        break;
      case 'CMD':
        if (stage) stage.cmd = JSON.parse(rest.join(' ')) as string[];
        break;
    }
  }
  return stages;
}

/** Where a COPY destination lands inside the image, relative to `root` standing in for `/`. */
export function imagePath(root: string, stage: TStage, dest: string): string {
  return path.join(root, path.posix.resolve(stage.workdir, dest));
}
