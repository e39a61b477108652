import type { MetadataRoute } from "next";

/** The web app manifest (served at /manifest.webmanifest, linked from every page): name, colours and the icons in public/. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Reset Console",
    short_name: "Reset Console",
    description: "Recorder password reset support console",
    start_url: "/tickets",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#0d2a55",
    icons: [
      { src: "/icon.svg", type: "image/svg+xml", sizes: "any", purpose: "any" },
      { src: "/icon-192.png", type: "image/png", sizes: "192x192", purpose: "any" },
      { src: "/icon-512.png", type: "image/png", sizes: "512x512", purpose: "any" },
      { src: "/icon-maskable-512.png", type: "image/png", sizes: "512x512", purpose: "maskable" },
    ],
  };
}
