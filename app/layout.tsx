import type { Metadata, Viewport } from "next";
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <EarlyKeysScript />
      </head>
      <body className="min-h-screen">
        {children}
        <ReadyMarker />
      </body>
    </html>
  );
}
