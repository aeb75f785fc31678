/** Read-only code with line numbers (no editor needed to read a snapshot). */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  const lines = code.split('\n');
  const width = String(lines.length).length;
  return (
    // tabIndex: a keyboard user can scroll long lines sideways (WCAG 2.1.1; axe scrollable-region-focusable).
    // role: a <pre> may not carry aria-label by itself (axe aria-prohibited-attr); a named region may.
    <pre role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white py-3 text-xs leading-5">
      <code>
        {lines.map((line, i) => (
          <span key={i} className="block px-3 hover:bg-zinc-50">
            <span aria-hidden className="mr-4 inline-block text-right text-zinc-500 select-none" style={{ width: `${width}ch` }}>
              {i + 1}
            </span>
            {line || ' '}
          </span>
        ))}
      </code>
    </pre>
  );
}
