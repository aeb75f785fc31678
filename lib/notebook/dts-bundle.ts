/**
 * Collects the declaration files a package's types reach (relative and `@scope/*` imports), so
 * Monaco's TypeScript worker can resolve `typeof import('@tensorflow/tfjs')` without a network.
 * Pure: the caller supplies file access (Node's fs at build time, a map in tests).
 */

export interface DtsFileAccess {
  /** Text of a file, or null when it does not exist. Paths use "/" and are relative to the root. */
  read(path: string): string | null;
}

export interface DtsBundle {
  /** Virtual path (e.g. `node_modules/@tensorflow/tfjs-core/dist/index.d.ts`) → content. */
  files: Record<string, string>;
  /** Package name → its types entry, for `index.d.ts` stubs at the package root. */
  packages: Record<string, string>;
  /** Specifiers that could not be resolved (outside the scope, or missing). */
  unresolved: string[];
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bdeclare\s+module\s+|\/\/\/\s*<reference\s+path=)['"]([^'"]+)['"]/g;

function dirname(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

function join(dir: string, rel: string): string {
  const parts = dir.split('/');
  for (const part of rel.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The license banner every tfjs .d.ts repeats: ~800 bytes × 600 files of nothing for a reader. */
const LICENSE_BANNER = /^\/\*\*[\s\S]*?@license[\s\S]*?\*\/\s*/;

export function collectDts(options: { access: DtsFileAccess; entryPackage: string; scope: string }): DtsBundle {
  const { access, scope } = options;
  const files: Record<string, string> = {};
  const packages: Record<string, string> = {};
  const unresolved = new Set<string>();

  function packageEntry(name: string): string | null {
    if (name in packages) return packages[name];
    const pkgJson = access.read(`node_modules/${name}/package.json`);
    if (!pkgJson) return null;
    const pkg = JSON.parse(pkgJson) as { types?: string; typings?: string };
    const types = pkg.types ?? pkg.typings;
    if (!types) return null;
    packages[name] = join(`node_modules/${name}`, types);
    return packages[name];
  }

  function resolve(from: string, spec: string): string | null {
    let base: string;
    if (spec.startsWith('.')) base = join(dirname(from), spec);
    else if (spec.startsWith(`${scope}/`)) {
      const parts = spec.split('/');
      const name = parts.slice(0, 2).join('/');
      if (parts.length === 2) return packageEntry(name);
      base = `node_modules/${name}/${parts.slice(2).join('/')}`;
    } else return null;
    if (base.endsWith('.d.ts') && access.read(base) !== null) return base;
    for (const candidate of [`${base}.d.ts`, `${base}/index.d.ts`]) if (access.read(candidate) !== null) return candidate;
    return null;
  }

  const entry = packageEntry(options.entryPackage);
  if (!entry) throw new Error(`${options.entryPackage} has no "types" entry in node_modules`);
  const stack = [entry];
  while (stack.length > 0) {
    const path = stack.pop()!;
    if (path in files) continue;
    const text = access.read(path);
    if (text === null) continue;
    files[path] = text.replace(LICENSE_BANNER, '');
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolve(path, match[1]);
      if (target) stack.push(target);
      else unresolved.add(match[1]);
    }
  }
  return { files, packages, unresolved: [...unresolved].sort() };
}

/**
 * The bundle as the editor loads it: `file:///` paths, plus an `index.d.ts` at each package root
 * so `import('@tensorflow/x')` resolves without package.json (Monaco reads only extra libs).
 */
export function editorTypingFiles(bundle: DtsBundle): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [p, text] of Object.entries(bundle.files)) files[`file:///${p}`] = text;
  for (const [name, entry] of Object.entries(bundle.packages)) {
    const rel = entry.slice(`node_modules/${name}/`.length).replace(/\.d\.ts$/, '');
    files[`file:///node_modules/${name}/index.d.ts`] = `export * from './${rel}';\n`;
  }
  return files;
}
