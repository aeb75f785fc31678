import { unzip } from 'fflate';

/** A zip's files (folders left out) as paths and bytes; a file that is not a zip is an error. */
export function unzipEntries(bytes: Uint8Array): Promise<{ path: string; bytes: Uint8Array }[]> {
  return new Promise((resolve, reject) => {
    unzip(bytes, (error, files) => {
      if (error) return reject(new Error(`not a readable zip file (${error.message})`));
      resolve(Object.entries(files).filter(([path]) => !path.endsWith('/')).map(([path, data]) => ({ path, bytes: data })));
    });
  });
}
