// The project's webpack config, with the local office.js copy, plus a filesystem cache so repeated end-to-end
// runs rebuild only what changed. The bundle is the same production bundle.
const path = require('path');
const base = require('../../webpack.config.js');

module.exports = (env, argv) => {
  // The tests serve office.js from the bundle's origin (the fake host replaces it), never the CDN.
  process.env.OFFICE_JS = 'local';
  const cfg = typeof base === 'function' ? base(env, argv) : base;
  return {
    ...cfg,
    cache: { type: 'filesystem', cacheDirectory: path.resolve(__dirname, '../../node_modules/.cache/webpack-e2e'), buildDependencies: { config: [path.join(__dirname, 'webpack.cached.config.cjs'), require.resolve('../../webpack.config.js')] } },
  };
};
