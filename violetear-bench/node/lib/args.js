// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * `--name value` and `--flag` options after positional words. Values are looked up by spec so
 * a typo fails loudly instead of silently running a benchmark with a default.
 * spec: { name: { type: 'string'|'int'|'number'|'flag', def?: any, required?: bool } }
 */
function parseArgs(argv, spec) {
  const positional = [];
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    let name = word.slice(2);
    let value;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const kind = spec[name];
    if (!kind) throw new Error(`unknown option --${name}; known: ${Object.keys(spec).map((k) => '--' + k).join(' ')}`);
    if (kind.type === 'flag') {
      opts[name] = value === undefined ? true : value !== 'false';
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new Error(`--${name} needs a value`);
      value = argv[++i];
    }
    opts[name] = convert(name, kind.type, value);
  }
  for (const [name, kind] of Object.entries(spec)) {
    if (opts[name] !== undefined) continue;
    if (kind.required) throw new Error(`--${name} is required`);
    opts[name] = kind.type === 'flag' ? Boolean(kind.def) : kind.def;
  }
  return { positional, opts };
}

function convert(name, type, text) {
  if (type === 'string') return text;
  const value = Number(text);
  if (!Number.isFinite(value) || (type === 'int' && !Number.isInteger(value))) {
    throw new Error(`--${name} must be ${type === 'int' ? 'a whole number' : 'a number'}, got '${text}'`);
  }
  return value;
}

module.exports = { parseArgs };
