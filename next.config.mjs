/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or worker-based packages must be loaded by Node, not bundled (see ../shared/STACK-NOTES.md).
  serverExternalPackages: [
    "tesseract.js",
    "pdfjs-dist",
    "@napi-rs/canvas",
    "@electric-sql/pglite",
    "sharp",
    "postgres",
    // Mail intake: Node stream/socket libraries, loaded as they are.
    "imapflow",
    "mailparser",
  ],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "12mb" },
  },
};

export default nextConfig;
