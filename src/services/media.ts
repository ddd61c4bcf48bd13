/**
 * Where to load an image from. Our uploads are stored as /media/<sha256>.<ext> (relative to the
 * HTTP host): H5 loads them from its own origin, a weapp HTTP build from API_BASE. https addresses
 * and WeChat cloud fileIDs (cloud://…) are used as they are.
 */
export function mediaSrc(src: string | null | undefined): string {
  if (!src) return '';
  return src.startsWith('/media/') ? `${API_BASE}${src}` : src;
}
