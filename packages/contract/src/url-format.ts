// Approximations of Octavia's rfc3986-based checks (octavia/common/validate.py `url`, `url_path`).
// Only RFC 3986 characters are allowed, so no whitespace or control character can reach a config file.

const URI_CHARS = "[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]";
const HOST = "(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9\\-._~!$&'()*+,;=%]+)";
const HTTP_URL = new RegExp(
  `^https?://(?:[A-Za-z0-9\\-._~!$&'()*+,;=%:]*@)?${HOST}(?::\\d*)?(?:[/?#]${URI_CHARS}*)?$`,
  'i',
);
const URL_PATH = new RegExp(`^/(?!/)${URI_CHARS}*$|^/$`);

/** True for an absolute `http`/`https` URL with a host (L7 `redirect_url` / `redirect_prefix`). */
export function isHttpUrl(text: string): boolean {
  return HTTP_URL.test(text);
}

/** True for a URL path without scheme or authority that starts with `/` (HM `url_path`). */
export function isUrlPath(text: string): boolean {
  return URL_PATH.test(text);
}
