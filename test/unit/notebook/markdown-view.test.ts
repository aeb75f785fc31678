import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownView } from '@/components/notebook/markdown-view';

const render = (source: string) => renderToStaticMarkup(createElement(MarkdownView, { source }));

describe('markdown cells: math with KaTeX', () => {
  it('renders $…$ inline and $$…$$ as display math, with MathML for screen readers', () => {
    const html = render('The loss is $L = -\\sum_i y_i \\log p_i$ per sample.\n\n$$\n\\frac{\\partial L}{\\partial w}\n$$\n');
    expect(html).toMatch(/<p>The loss is <span class="katex">/);
    expect(html).toContain('<span class="katex-display">');
    expect(html).toContain('<annotation encoding="application/x-tex">L = -\\sum_i y_i \\log p_i</annotation>');
    expect(html).toContain('<mfrac>');
    expect(html).not.toContain('$');
  });

  it('shows a formula that does not parse as its source in red instead of throwing', () => {
    const html = render('Broken: $\\frac{1}{$ and fine: $x^2$');
    expect(html).toContain('katex-error');
    expect(html).toMatch(/<span class="katex">.*<mi>x<\/mi>/s);
  });

  it('keeps raw HTML and trusted-only KaTeX commands out', () => {
    const html = render('<img src=x onerror=alert(1)> $\\href{javascript:alert(1)}{x}$');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/href="javascript:/);
  });

  it('leaves text without dollars as plain markdown', () => {
    expect(render('# Title\n\nplain *text*')).toBe('<div class="markdown-body"><h1>Title</h1>\n<p>plain <em>text</em></p></div>');
  });
});
