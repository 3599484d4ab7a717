// Production bundle for the task pane and the ribbon commands, and dist/manifest.xml for the
// address the files will be hosted at: `ADDIN_BASE_URL=https://tiers.example.com/ npm run build`
// (docs/deploy.md). In production the pages load office.js from Microsoft's CDN, as AppSource
// and centralized deployment require; the development server and the tests (OFFICE_JS=local)
// serve a copy of @microsoft/office-js/dist from our own origin instead, so they run offline
// (o15apptofilemappingtable.js must sit beside that copy or Office.onReady never resolves).
const path = require('path');
const fs = require('fs');
const os = require('os');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const officeDist = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
const otherHosts = /^(access|onenote|outlook|powerpoint|project|visio|word)/i;
const { DEV_BASE, productionManifest } = require('./deploy/manifest.cjs');
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Writes dist/manifest.xml: the development manifest with its URLs moved to `base`. */
class ManifestPlugin {
  constructor(base) {
    this.base = base;
  }
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap('ManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ManifestPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const file = path.resolve(__dirname, 'manifest.xml');
        compilation.fileDependencies.add(file);
        compilation.emitAsset('manifest.xml', new RawSource(productionManifest(fs.readFileSync(file, 'utf8'), this.base)));
      });
    });
  }
}

/** Dev certificates installed by `npx office-addin-dev-certs install` (dev server only). */
function devHttps() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) {
    console.warn('No dev certificates: run `npx office-addin-dev-certs install` first. Serving over plain http.');
    return undefined;
  }
  return { type: 'https', options: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))])) };
}

module.exports = (env, argv) => {
  const dev = argv.mode !== 'production';
  const localOffice = dev || process.env.OFFICE_JS === 'local';
  const base = process.env.ADDIN_BASE_URL || DEV_BASE;
  if (!dev && !process.env.ADDIN_BASE_URL) console.warn(`ADDIN_BASE_URL is not set: dist/manifest.xml points at ${DEV_BASE} (set it to the https address dist/ is hosted at).`);
  const officeJs = localOffice ? 'assets/office/office.js' : OFFICE_CDN;
  return {
    devtool: dev ? 'eval-cheap-module-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], templateParameters: { officeJs } }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'], templateParameters: { officeJs } }),
      new ManifestPlugin(base),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/help.html', to: 'help.html' },
          ...(localOffice
            ? [
                {
                  from: '**/*.js',
                  context: officeDist,
                  to: 'assets/office/',
                  globOptions: { ignore: ['**/*.debug.js'] },
                  filter: (file) => !otherHosts.test(path.basename(file)),
                },
              ]
            : []),
        ],
      }),
    ],
    devServer: {
      port: 3000,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: dev ? devHttps() : undefined,
      static: { directory: path.resolve(__dirname, 'dist') },
    },
  };
};
