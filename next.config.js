const dev = process.env.NODE_ENV !== "production";

/**
 * Content Security Policy the app actually passes (checked by loading its pages in Chromium
 * and watching for violations). Next's App Router streams its payload in inline <script>
 * tags, so scripts need 'unsafe-inline' (nonces would force every page dynamic); the rest is
 * locked to this origin. Dev adds 'unsafe-eval' (React Refresh) and the HMR WebSocket.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws://localhost:* ws://127.0.0.1:*" : ""}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  // Older browsers without frame-ancestors: no framing (clickjacking).
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Share links carry their token in the path: other sites see only our origin.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native parts or dynamic requires stay out of the bundle.
  serverExternalPackages: [
    "postgres", "pg-boss", "pg", "pino", "fluent-ffmpeg", "@ffmpeg-installer/ffmpeg", "@ffprobe-installer/ffprobe",
    "@resvg/resvg-js", "espeak-ng", "@electric-sql/pglite", "@electric-sql/pglite-socket", "socket.io", "@aws-sdk/client-s3",
    "nodemailer",
  ],
  poweredByHeader: false,
  // The dev server is reachable as localhost and 127.0.0.1; without this Next's dev origin
  // check leaves pages opened at 127.0.0.1 unhydrated.
  allowedDevOrigins: ["localhost", "127.0.0.1"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // `npm test` typechecks and lints the whole tree first; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
};

export default nextConfig;
