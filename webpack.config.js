// Production bundle for the task pane and the ribbon commands. office.js is served from
// our own origin (a copy of @microsoft/office-js/dist) so the add-in also loads offline;
// o15apptofilemappingtable.js must sit beside it or Office.onReady never resolves.
const path = require('path');
const fs = require('fs');
const os = require('os');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const officeDist = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
const otherHosts = /^(access|onenote|outlook|powerpoint|project|visio|word)/i;

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
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/help.html', to: 'help.html' },
          {
            from: '**/*.js',
            context: officeDist,
            to: 'assets/office/',
            globOptions: { ignore: ['**/*.debug.js'] },
            filter: (file) => !otherHosts.test(path.basename(file)),
          },
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
