import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every file below `dir` (POSIX paths relative to it), sorted. */
export function listFiles(dir: string, filter: (rel: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(abs, e.name), r);
      else if (filter(r)) out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}
