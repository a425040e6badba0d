// CLI: `npm run lexicon:count [-- --json] [DIR]` counts the Chinese alternatives written inside regex literals in non-test source, per folder of src/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const HAN = /\p{Script=Han}/u;

/**
 * The alternatives of a regex source that contain a Chinese character. A `|` inside a character class or escaped is no
 * alternation; groups are flattened, so `(欠|拖)薪|讨薪` counts 欠, 拖)薪 and 讨薪: three ways of saying something.
 */
export function hanAlternatives(source: string): number {
  let count = 0;
  let piece = '';
  let inClass = false;
  const flush = () => {
    if (HAN.test(piece)) count++;
    piece = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      piece += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      piece += c;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === '|') flush();
    else piece += c;
  }
  flush();
  return count;
}

/** Every regex literal's source in a TypeScript/JavaScript file (by the compiler's scanner, so strings and comments are not read as patterns). */
export function regexLiterals(file: string, text: string): string[] {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      out.push(literal.slice(1, literal.lastIndexOf('/')));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(d.name) && !/\.test\.(ts|tsx|js)$/.test(d.name) ? [path] : [];
  });
}

export function countByFolder(root: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const file of sourceFiles(root)) {
    const folder = relative(root, file).split(sep).slice(0, -1)[0] ?? '.';
    const n = regexLiterals(file, readFileSync(file, 'utf8')).reduce((sum, s) => sum + hanAlternatives(s), 0);
    counts.set(folder, (counts.get(folder) ?? 0) + n);
  }
  return counts;
}

if (process.argv[1] === import.meta.filename) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, files: { type: 'boolean' } } });
  const root = resolve(positionals[0] ?? 'src');
  const counts = countByFolder(root);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const coreAndKnowledge = (counts.get('core') ?? 0) + (counts.get('knowledge') ?? 0);
  if (values.json) {
    console.log(JSON.stringify({ total, coreAndKnowledge, folders: Object.fromEntries([...counts].sort()) }));
  } else {
    for (const [folder, n] of [...counts].sort((a, b) => b[1] - a[1])) if (n > 0) console.log(`${String(n).padStart(6)}  src/${folder}`);
    console.log(`${String(total).padStart(6)}  src/ in all (target ≤ 1000)`);
    console.log(`${String(coreAndKnowledge).padStart(6)}  src/core + src/knowledge (target ≤ 300)`);
    if (values.files) {
      for (const file of sourceFiles(root)) {
        const n = regexLiterals(file, readFileSync(file, 'utf8')).reduce((sum, s) => sum + hanAlternatives(s), 0);
        if (n > 0) console.log(`${String(n).padStart(6)}  ${relative(process.cwd(), file)}`);
      }
    }
  }
}
