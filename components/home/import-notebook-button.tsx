'use client';

import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { UploadIcon } from '@/components/ui/icons';
import { parseNotebookFile, type ParseNotebookResult } from '@/lib/notebook/parse-file';

/** Picks a *.benchtop.json file and hands back its parsed contents (or the reasons it is refused). */
export function ImportNotebookButton({ onParsed, label = 'Import notebook', size = 'md' }: { onParsed: (result: ParseNotebookResult, fileName: string) => void; label?: string; size?: 'sm' | 'md' }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button size={size} icon={<UploadIcon />} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Notebook file to import"
        className="hidden"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          let text: string;
          try {
            text = await file.text();
          } catch (err) {
            onParsed({ ok: false, errors: [`Could not read the file: ${(err as Error).message}`] }, file.name);
            return;
          }
          onParsed(parseNotebookFile(text), file.name);
        }}
      />
    </>
  );
}
