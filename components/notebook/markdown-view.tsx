import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
// KaTeX's stylesheet and fonts are bundled by Next from node_modules: served by this app, no CDN.
import 'katex/dist/katex.min.css';

const remarkPlugins = [remarkGfm, remarkMath];
/** Code blocks scroll sideways on a phone: focusable, so a keyboard can scroll them (WCAG 2.1.1). */
const components: Components = { pre: ({ node: _node, ...props }) => <pre tabIndex={0} {...props} /> };
/**
 * `$…$` inline and `$$…$$` display math. KaTeX's `trust` stays off (no `\href`, `\includegraphics`
 * or raw HTML from formulas); a formula that does not parse shows its source in red instead of
 * throwing, so one typo does not blank the cell.
 */
const rehypePlugins: Parameters<typeof ReactMarkdown>[0]['rehypePlugins'] = [[rehypeKatex, { throwOnError: false, strict: 'ignore' }]];

/**
 * Markdown as a reader sees it. Raw HTML is dropped (skipHtml) and react-markdown's default URL
 * filter removes `javascript:` links, so a shared notebook cannot run script through markdown.
 */
export function MarkdownView({ source }: { source: string }) {
  return (
    <div className="markdown-body">
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components} skipHtml>
        {source}
      </ReactMarkdown>
    </div>
  );
}
