// SPDX-License-Identifier: Apache-2.0
// Minifies the browser runtime for the jar. A page downloads the runtime on every first visit, and
// its comments and long local names cost more bytes than its code, so the jar ships terser's output
// and a source map that carries the original source (the server names it in a SourceMap header),
// which keeps errors in the browser readable. The source stays the one to edit and review.
// The same for each script of the runtime (violetear.js, violetear-socket.js, forms.js), one call
// each.
// usage: node minify-runtime.mjs <script.js> <output directory>
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {basename, join} from 'node:path';
import {minify} from 'terser';

const [source, outDir] = process.argv.slice(2);
if (!source || !outDir) {
  console.error('usage: node minify-runtime.mjs <script.js> <output directory>');
  process.exit(2);
}
const name = basename(source);
const result = await minify({[name]: readFileSync(source, 'utf8')}, {
  compress: {passes: 2},
  mangle: true,
  // The license line stays; every other comment goes.
  format: {comments: /SPDX-License-Identifier/},
  // No sourceMappingURL comment: the URL holds the content hash, so the server adds the header.
  sourceMap: {filename: name, includeSources: true}
});
mkdirSync(outDir, {recursive: true});
writeFileSync(join(outDir, name), result.code + '\n');
writeFileSync(join(outDir, name + '.map'), result.map);
