// SPDX-License-Identifier: Apache-2.0
'use strict';

/**
 * The client cookie a browser would hold: the framework keys a page session by client id and
 * session id, and a socket without the signed cookie gets a fresh client id each time, so it
 * can never resume. A page load (GET) or an RPC call (POST) issues the cookie.
 */
const http = require('http');

/** Resolves with the name=value pairs of the answer's Set-Cookie headers, joined with "; ". */
function fetchCookie(url, { method = 'GET', body = null } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (body !== null) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    const request = http.request(url, { method, headers }, (response) => {
      response.resume();
      response.on('end', () => {
        const cookies = (response.headers['set-cookie'] || []).map((line) => line.split(';')[0].trim());
        if (cookies.length === 0) reject(new Error(`${method} ${url} answered ${response.statusCode} without a Set-Cookie header`));
        else resolve(cookies.join('; '));
      });
    });
    request.on('error', reject);
    request.setTimeout(10000, () => request.destroy(new Error(`${method} ${url} did not answer within 10 s`)));
    request.end(body === null ? undefined : body);
  });
}

module.exports = { fetchCookie };
