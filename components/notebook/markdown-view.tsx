import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Markdown as a reader sees it. Raw HTML is dropped (skipHtml) and react-markdown's default URL
 * filter removes `javascript:` links, so a shared notebook cannot run script through markdown.
 */
export function MarkdownView({ source }: { source: string }) {
  return (
    <div className="markdown-body">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml>
        {source}
      </ReactMarkdown>
    </div>
  );
}
