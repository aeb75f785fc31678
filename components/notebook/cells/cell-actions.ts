import type { CellType, CodeLanguage } from '@/lib/notebook/cell';

/** What a cell can ask of its notebook; one stable object shared by every cell view. */
export interface CellActions {
  select(id: string): void;
  run(id: string, mode: 'next' | 'stay'): void;
  updateSource(id: string, source: string): void;
  setLanguage(id: string, language: CodeLanguage): void;
  setType(id: string, type: CellType): void;
  move(id: string, direction: -1 | 1): void;
  remove(id: string): void;
  setEditing(id: string | null): void;
  /** Esc in an editor: keep the cell selected, focus leaves the editor (Jupyter's command mode). */
  commandMode(id: string): void;
}
