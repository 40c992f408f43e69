// SPDX-License-Identifier: Apache-2.0
// Unit tests of forms.js: a form made by Form.post is posted with fetch and its answer swapped in
// without reloading the page; anything else is left to the browser. A fake browser plays location,
// history, DOMParser and FormData; the tests play the server.
import {afterEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {FakeDocument, FakeEvent, h} from './fake-dom.mjs';
import {FORMS_SOURCE, RUNTIME_AND_FORMS, checkConsole, loadPage, settle} from './harness.mjs';

afterEach(checkConsole);

const ORIGIN = 'http://localhost:8000';

/**
 * A page as the server renders one: by default one whose only client code is the form (forms.js
 * alone); with `classes`, a page with client code (the runtime and the bundle, then forms.js).
 */
function formPage({classes = null, title = 'Guestbook', form = {}} = {}) {
  const document = new FakeDocument();
  document.title = title;
  if (classes !== null) {
    document.head.appendChild(h('meta', {name: 'violetear-classes', content: classes}));
    document.head.appendChild(h('meta', {name: 'violetear-socket', content: 'lazy'}));
    document.head.appendChild(h('script', {src: '/_violetear/violetear.abc.js'}));
    document.head.appendChild(h('script', {src: '/_violetear/bundle.abc.js'}));
  }
  document.head.appendChild(h('script', {src: '/_violetear/forms.abc.js'}));
  document.body.appendChild(h('form', {method: 'post', action: '/guestbook',
    'data-violetear-form': '', ...form},
  h('input', {name: 'name', value: 'Ada'}),
  h('input', {name: 'message', value: 'Hello'}),
  h('button', {name: 'send', value: 'yes', type: 'submit'})));
  return document;
}

/** FormData as a browser builds it from a form's named fields, then the submitter's. */
class FakeFormData {
  constructor(form, submitter) {
    this.pairs = form.querySelectorAll('*')
        .filter((e) => e.hasAttribute('name') && e.tagName !== 'BUTTON')
        .map((e) => [e.getAttribute('name'), e.getAttribute('value') || '']);
    if (submitter) {
      this.pairs.push([submitter.getAttribute('name'), submitter.getAttribute('value')]);
    }
  }

  has(name) {
    return this.pairs.some(([n]) => n === name);
  }

  append(name, value) {
    this.pairs.push([name, value]);
  }

  [Symbol.iterator]() {
    return this.pairs[Symbol.iterator]();
  }
}

/**
 * A browser around forms.js (after the runtime when `source` says so): `answers` maps "METHOD path"
 * to {status, body, headers, url}; `pages` maps an HTML text to the document DOMParser makes of it.
 */
function browser(document, answers, source = FORMS_SOURCE) {
  const pages = new Map();
  const location = {
    protocol: 'http:', host: 'localhost:8000', origin: ORIGIN, href: ORIGIN + '/guestbook',
    assigned: [], reloads: 0,
    assign(url) { this.assigned.push(url); },
    reload() { this.reloads++; }
  };
  const history = {
    pushed: [],
    pushState(state, title, url) {
      this.pushed.push(url);
      location.href = url;
    }
  };
  const fetch = (url, init = {}) => {
    const key = (init.method || 'GET') + ' ' + new URL(url).pathname;
    fetch.calls.push({key, url, init});
    const answer = answers[key];
    if (answer instanceof Error) return Promise.reject(answer);
    if (!answer) return Promise.reject(new Error('the test has no answer to ' + key));
    const headers = new Map(Object.entries(answer.headers
        || {'Content-Type': 'text/html; charset=utf-8'}).map(([name, value]) => [name.toLowerCase(),
      value]));
    return Promise.resolve({status: answer.status, ok: answer.status < 300,
      url: answer.url || url, headers: {get: (name) => headers.get(name.toLowerCase()) ?? null},
      text: () => Promise.resolve(answer.body || '')});
  };
  fetch.calls = [];
  const scrolls = [];
  const page = loadPage({document, fetch, location, source, globals: {
    history, URL, URLSearchParams, FormData: FakeFormData, scrollTo: (x, y) => scrolls.push([x, y]),
    DOMParser: class {
      parseFromString(html, type) {
        assert.equal(type, 'text/html');
        assert.ok(pages.has(html), 'the test has no page for ' + html);
        return pages.get(html);
      }
    }
  }});
  return Object.assign(page, {location, history, scrolls, pages,
    /** Dispatches submit on the page's form, as a click on `submitter` would. */
    submit(submitter = null, form = document.body.querySelector('form')) {
      const event = new FakeEvent('submit');
      event.submitter = submitter;
      form.dispatchEvent(event);
      return event;
    }
  });
}

/** A page the server answers with: its title, classes meta and one paragraph to find it by. */
function answerPage(text, {classes = null, title = text} = {}) {
  const document = formPage({classes, title});
  document.body.appendChild(h('p', {id: 'answer'}, h('span', {text})));
  return document;
}

function shownText(document) {
  const p = document.body.querySelector('p');
  return p ? p.children[0].getAttribute('text') : null;
}

describe('a form made by Form.post', () => {
  test('is posted urlencoded by fetch, with its submitter; a 422 page is swapped in', async () => {
    const page = browser(formPage(), {'POST /guestbook': {status: 422, body: 'errors'}});
    page.pages.set('errors', answerPage('Write your name.', {title: 'Guestbook (1 error)'}));
    const event = page.submit(page.document.body.querySelector('button'));

    assert.equal(event.defaultPrevented, true, 'the browser does not post it too');
    assert.equal(page.violetear, undefined, 'a page whose only client code is a form');
    await settle();
    const [call] = page.fetch.calls;
    assert.equal(call.key, 'POST /guestbook');
    assert.equal(call.init.headers['X-Violetear-Form'], '1');
    assert.equal(call.init.credentials, 'same-origin');
    assert.equal(String(call.init.body), 'name=Ada&message=Hello&send=yes');
    assert.equal(shownText(page.document), 'Write your name.');
    assert.equal(page.document.title, 'Guestbook (1 error)');
    assert.deepEqual(page.history.pushed, [], 'the URL stays, as after a native post');
    assert.deepEqual(page.location.assigned, []);
  });

  test('a multipart form sends its FormData as it is', async () => {
    const page = browser(formPage({form: {enctype: 'multipart/form-data'}}),
        {'POST /guestbook': {status: 422, body: 'errors'}});
    page.pages.set('errors', answerPage('again'));
    page.submit();
    await settle();
    assert.ok(page.fetch.calls[0].init.body instanceof FakeFormData);
  });

  test('after success, the page at the redirect is fetched and swapped in, with no reload',
      async () => {
        const page = browser(formPage(), {
          'POST /guestbook': {status: 204, headers: {'X-Violetear-Location': '/guestbook'}},
          'GET /guestbook': {status: 200, body: 'signed'}
        });
        page.pages.set('signed', answerPage('Ada: Hello'));
        page.submit();
        await settle();
        await settle();
        assert.deepEqual(page.fetch.calls.map((c) => c.key), ['POST /guestbook', 'GET /guestbook']);
        assert.equal(shownText(page.document), 'Ada: Hello');
        assert.deepEqual(page.history.pushed, [], 'the same URL gets no new history entry');
        assert.deepEqual(page.scrolls, [[0, 0]]);
        assert.deepEqual(page.location.assigned, []);
        assert.equal(page.location.reloads, 0);
      });

  test('a redirect elsewhere pushes its URL; going back reloads the page of that entry',
      async () => {
        const page = browser(formPage(), {
          'POST /guestbook': {status: 204, headers: {'X-Violetear-Location': '/thanks'}},
          'GET /thanks': {status: 200, body: 'thanks'}
        });
        page.pages.set('thanks', answerPage('Thank you'));
        page.submit();
        await settle();
        await settle();
        assert.equal(shownText(page.document), 'Thank you');
        assert.deepEqual(page.history.pushed, [ORIGIN + '/thanks']);

        page.location.href = ORIGIN + '/guestbook';
        page.dispatchWindow('popstate');
        assert.equal(page.location.reloads, 1);
      });

  test('a redirect to a page that runs other client code is loaded by the browser', async () => {
    const page = browser(formPage(), {
      'POST /guestbook': {status: 204, headers: {'X-Violetear-Location': '/counter'}},
      'GET /counter': {status: 200, body: 'counter'}
    });
    page.pages.set('counter', answerPage('Count: 0', {classes: 'Counter'}));
    page.submit();
    await settle();
    await settle();
    assert.deepEqual(page.location.assigned, [ORIGIN + '/counter']);
    assert.equal(shownText(page.document), null, 'nothing was swapped in');
  });

  test('a redirect to another site is loaded by the browser, without fetching it', async () => {
    const page = browser(formPage(), {
      'POST /guestbook': {status: 204,
        headers: {'X-Violetear-Location': 'https://pay.example.com/checkout'}}
    });
    page.submit();
    await settle();
    assert.deepEqual(page.location.assigned, ['https://pay.example.com/checkout']);
    assert.equal(page.fetch.calls.length, 1);
  });

  test('a second submit while the post is on its way posts nothing more', async () => {
    const page = browser(formPage(), {'POST /guestbook': {status: 422, body: 'errors'}});
    page.pages.set('errors', answerPage('again'));
    page.submit();
    const second = page.submit();
    assert.equal(second.defaultPrevented, true);
    await settle();
    assert.equal(page.fetch.calls.length, 1);
  });

  test('when the server cannot be reached, says so and leaves the page to try again', async () => {
    const page = browser(formPage(), {'POST /guestbook': new TypeError('Failed to fetch')});
    page.submit();
    await settle();
    const errors = page.expect('error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].join(' '),
        /the form posted to \/guestbook could not reach the server \(Failed to fetch\)/);
    assert.equal(page.document.body.querySelector('form').getAttribute('action'), '/guestbook');
    page.submit();
    await settle();
    assert.equal(page.fetch.calls.length, 2, 'the form posts again');
  });

  test('with the runtime, bindings in a swapped-in body are attached after ready', async () => {
    const page = browser(formPage({classes: 'Entry'}),
        {'POST /guestbook': {status: 422, body: 'errors'}}, RUNTIME_AND_FORMS);
    const clicks = [];
    page.violetear.register('callback', 'Entry.like', () => clicks.push('like'));
    page.violetear.bundleLoaded();
    await settle();
    const answer = answerPage('again', {classes: 'Entry'});
    answer.body.appendChild(h('button', {id: 'like', 'data-on-click': 'Entry.like'}));
    page.pages.set('errors', answer);
    page.submit();
    await settle();
    page.document.body.querySelector('button[id="like"]').fire('click');
    assert.deepEqual(clicks, ['like']);
  });
});

describe('left to the browser', () => {
  const cases = {
    'a form without the mark': {'data-violetear-form': null},
    'a GET form': {method: 'get'},
    'a form with a target': {target: '_blank'},
    'a form posting to another site': {action: 'https://other.example.com/sign'},
    'a text/plain form': {enctype: 'text/plain'}
  };
  for (const [name, attributes] of Object.entries(cases)) {
    test(name, async () => {
      const document = formPage({form: attributes});
      const form = document.body.querySelector('form');
      form.attributes = form.attributes.filter((a) => a.value !== null);
      const page = browser(document, {});
      const event = page.submit();
      await settle();
      assert.equal(event.defaultPrevented, false);
      assert.equal(page.fetch.calls.length, 0);
    });
  }

  test('a form whose submit a bound callback took over', async () => {
    const page = browser(formPage(), {});
    page.document.body.querySelector('form').addEventListener('submit', (e) => e.preventDefault());
    page.submit();
    await settle();
    assert.equal(page.fetch.calls.length, 0);
  });
});
