import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { EarlyKeysScript } from "@/components/shell/early-keys-script";
import { ReadyMarker } from "@/components/shell/ready-marker";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Reset Console", template: "%s · Reset Console" },
  description: "Recorder password reset support console",
  robots: { index: false, follow: false },
  // The files are in public/ (the manifest, app/manifest.ts, lists the same ones).
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
  },
};

export const viewport: Viewport = { themeColor: "#0d2a55" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts gives every page request an id; the error page shows it so a report can quote it.
  const requestId = (await headers()).get("x-request-id") ?? undefined;
  return (
    <html lang="en">
      <head>
        {requestId && <meta name="request-id" content={requestId} />}
        <EarlyKeysScript />
      </head>
      <body className="min-h-screen">
        {children}
        <ReadyMarker />
      </body>
    </html>
  );
}
