import type { SVGProps } from 'react';

/** Small stroke icons (16px, currentColor). Decorative: the button around them carries the name. */
function Icon({ children, ...props }: SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden {...props}>
      {children}
    </svg>
  );
}

export const PlayIcon = () => <Icon><path d="M5 3.5v9l7-4.5z" fill="currentColor" /></Icon>;
export const PlayAllIcon = () => <Icon><path d="M3 3.5v9l5.5-4.5zM8.5 3.5v9l5.5-4.5z" fill="currentColor" /></Icon>;
export const StopIcon = () => <Icon><rect x="4" y="4" width="8" height="8" rx="1" fill="currentColor" /></Icon>;
export const RestartIcon = () => <Icon><path d="M3 8a5 5 0 1 0 1.5-3.5M3 2.5v2.5h2.5" /></Icon>;
export const PlusIcon = () => <Icon><path d="M8 3v10M3 8h10" /></Icon>;
export const TrashIcon = () => <Icon><path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.5 8.5h6l.5-8.5" /></Icon>;
export const ArrowUpIcon = () => <Icon><path d="M8 13V3M4 7l4-4 4 4" /></Icon>;
export const ArrowDownIcon = () => <Icon><path d="M8 3v10M4 9l4 4 4-4" /></Icon>;
export const DownloadIcon = () => <Icon><path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10" /></Icon>;
export const UploadIcon = () => <Icon><path d="M8 10.5v-8M4.5 6 8 2.5 11.5 6M3 13.5h10" /></Icon>;
export const EraseIcon = () => <Icon><path d="M3 13h10M4.5 10.5l6-6 2 2-6 6h-2z" /></Icon>;
export const KeyboardIcon = () => <Icon><rect x="1.5" y="4" width="13" height="8" rx="1.5" /><path d="M4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M5 9.5h6" /></Icon>;
export const SortIcon = ({ direction }: { direction: 'ascending' | 'descending' | 'none' }) => (
  <Icon width="12" height="12" className={direction === 'none' ? 'opacity-30' : ''}>
    {direction === 'descending' ? <path d="M4 6l4 4 4-4" /> : direction === 'ascending' ? <path d="M4 10l4-4 4 4" /> : <path d="M5 6.5 8 3.5l3 3M5 9.5l3 3 3-3" />}
  </Icon>
);
