import fs from 'node:fs';
import path from 'node:path';
import { collectDts, editorTypingFiles } from '@/lib/notebook/dts-bundle';

/**
 * TensorFlow.js's own declaration files, gathered from node_modules when the app is built, for the
 * notebook editor's autocompletion (`tf.` in a cell). Static: computed once, served as a file.
 */
export const dynamic = 'force-static';

export function GET() {
  const root = process.cwd();
  const bundle = collectDts({
    entryPackage: '@tensorflow/tfjs',
    scope: '@tensorflow',
    access: {
      read: (p) => {
        // Scoped to node_modules at build time; tell Turbopack not to trace the whole project for it.
        const full = path.join(/*turbopackIgnore: true*/ root, p);
        return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : null;
      },
    },
  });
  const files = editorTypingFiles(bundle);
  return Response.json({ files }, { headers: { 'Cache-Control': 'public, max-age=86400' } });
}
