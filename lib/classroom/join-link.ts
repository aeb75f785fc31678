/**
 * The link students open to join: the server's first LAN address when it knows one (a teacher
 * on http://localhost must not hand out a link that means each student's own laptop), else the
 * origin the teacher's page came from.
 */
export function joinLink({ code, lanUrls, origin }: { code: string; lanUrls: readonly string[] | null; origin: string }): string {
  const base = (lanUrls?.find((u) => /^https?:\/\//i.test(u)) ?? origin).replace(/\/+$/, '');
  return `${base}/join/${encodeURIComponent(code)}`;
}

/**
 * Whether a student opening `link` gets a secure context, so WebGPU (http://localhost is one
 * too, but only on the machine that serves it, never a student's).
 */
export function joinLinkIsSecure(link: string): boolean {
  try {
    return new URL(link).protocol === 'https:';
  } catch {
    return false;
  }
}
