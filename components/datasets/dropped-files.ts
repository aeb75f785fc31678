/** A file from a drop or a picker, with its path inside the dropped folder (or just its name). */
export interface PickedFile {
  path: string;
  file: File;
}

/**
 * What was dropped: files, and folders walked recursively (DataTransfer items as
 * FileSystemEntry). Entries must be taken synchronously in the drop handler: the DataTransfer
 * is emptied once the handler returns, so call this before any await.
 */
export function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.some((e) => e === null)) return Promise.resolve(Array.from(transfer.files, (file) => ({ path: file.name, file })));
  return Promise.all(entries.map((e) => walk(e!))).then((lists) => lists.flat());
}

/** From an <input type=file> (with webkitdirectory, each file has its webkitRelativePath). */
export function pickedFiles(list: FileList | null): PickedFile[] {
  return Array.from(list ?? [], (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

async function walk(entry: FileSystemEntry): Promise<PickedFile[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ path: entry.fullPath.replace(/^\//, ''), file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map(walk))).flat();
}
