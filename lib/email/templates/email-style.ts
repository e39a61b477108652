// Colours and fonts for every message. Mail clients ignore most CSS, so styles are inline and
// the layout is tables; colours meet WCAG AA contrast against the backgrounds they sit on.
export const EMAIL_FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
export const EMAIL_MONO_FONT = "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace";
export const EMAIL_COLORS = {
  page: "#f1f5f9",
  card: "#ffffff",
  border: "#e2e8f0",
  brand: "#0f2a4a",
  onBrand: "#ffffff",
  text: "#1e293b",
  muted: "#475569",
  link: "#1d4ed8",
  codeBackground: "#f8fafc",
  noticeBackground: "#fff7ed",
  noticeBorder: "#c2410c",
} as const;
