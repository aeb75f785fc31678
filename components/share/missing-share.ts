/** What a dead share link shows: on its 404 page, and when the link dies while its view is open. */
export const MISSING_SHARE = { title: 'Link not found', text: 'This share link does not exist or was revoked.' };
