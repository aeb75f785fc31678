/**
 * Which files of a dropped folder or zip are images of which class: one sub-folder per class
 * (`cats/01.jpg`, or `pets/cats/01.jpg` under one root folder). System files (`__MACOSX/`,
 * dotfiles, Thumbs.db) are dropped silently; anything else that is not in a class folder is
 * listed as skipped with the reason.
 */

export interface ImageEntry<T> {
  path: string;
  label: string;
  source: T;
}

export interface SortedEntries<T> {
  entries: ImageEntry<T>[];
  skipped: { path: string; reason: string }[];
}

/** At most this many images per set (32×32×3 bytes each: 30 MB in IndexedDB at 10,000). */
export const MAX_IMAGES = 10_000;

const SYSTEM_FILE = /(^|\/)(__MACOSX\/|\.[^/]*$|Thumbs\.db$|desktop\.ini$)/i;

export function sortImageEntries<T>(files: { path: string; source: T }[]): SortedEntries<T> {
  const wanted = files.map((f) => ({ ...f, path: f.path.replace(/\\/g, '/').replace(/^\/+/, '') })).filter((f) => !f.path.endsWith('/') && !SYSTEM_FILE.test(f.path));
  const parts = wanted.map((f) => f.path.split('/'));
  // One root folder holding every class folder (a dropped "pets/" or a zip of it): strip it.
  const firsts = new Set(parts.map((p) => p[0]));
  const strip = firsts.size === 1 && parts.some((p) => p.length >= 3) ? 1 : 0;
  const entries: ImageEntry<T>[] = [];
  const skipped: SortedEntries<T>['skipped'] = [];
  wanted.forEach((f, i) => {
    const rest = parts[i].slice(strip);
    if (rest.length < 2) skipped.push({ path: f.path, reason: 'not inside a class folder (expected <class>/<image>)' });
    else entries.push({ path: f.path, label: rest[rest.length - 2], source: f.source });
  });
  entries.sort((a, b) => (a.label === b.label ? (a.path < b.path ? -1 : 1) : a.label < b.label ? -1 : 1));
  if (entries.length > MAX_IMAGES) {
    for (const e of entries.splice(MAX_IMAGES)) skipped.push({ path: e.path, reason: `over the limit of ${MAX_IMAGES.toLocaleString('en-US')} images per set` });
  }
  return { entries, skipped };
}
