/**
 * Next.js runs this in the browser before the app's own modules: settings every page needs
 * before its first schema or component is built.
 */
import './lib/shared/zod-jitless-in-pages';
