// REMIX_OUT_DIR lets parallel work build into its own folder (default: build/ and public/build/).
const out = process.env.REMIX_OUT_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverBuildPath: out ? `${out}/build/index.js` : "build/index.js",
  assetsBuildDirectory: out ? `${out}/public/build` : "public/build",
  // Packages that ship ESM only must be bundled into the server build.
  serverDependenciesToBundle: [/^@mantine\//, /^@tabler\/icons-react/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
