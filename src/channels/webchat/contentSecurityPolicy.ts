/**
 * The page's CSP. Scripts only from this origin (no inline script at all). Web Chat injects its
 * styles at run time (emotion), hence 'unsafe-inline' for styles only. `blob:` is where a chosen
 * file lives before upload (Web Chat fetches it to build the multipart body); `data:` carries
 * thumbnails and inline images in bot replies.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "connect-src 'self' blob: data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
