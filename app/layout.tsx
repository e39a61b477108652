import type { Metadata } from "next";
import { EarlyKeysScript } from "@/components/shell/early-keys-script";
import { ReadyMarker } from "@/components/shell/ready-marker";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Reset Console", template: "%s · Reset Console" },
  description: "Recorder password reset support console",
  robots: { index: false, follow: false },
};

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
