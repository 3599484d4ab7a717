// How code is bundled to run on Node, in one place: the CLI build (build-cli.mjs) and the kernel
// bench, which times the engine as it ships, use the same settings.
export const NODE_BUNDLE = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS packages in the bundle (papaparse) call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);" },
};
