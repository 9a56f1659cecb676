// The official `openai` npm SDK against a running ChatApi: run by tests/ChatApi.Tests/Sdk/JsSdkTests.cs,
// or by hand with CHATAPI_BASE_URL=http://127.0.0.1:5000 node --test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import OpenAI, { NotFoundError, BadRequestError } from 'openai';

const baseURL = process.env.CHATAPI_BASE_URL;
assert.ok(baseURL, 'set CHATAPI_BASE_URL to the server, e.g. http://127.0.0.1:5000');

const client = new OpenAI({ baseURL: new URL('/v1', baseURL).href, apiKey: 'sk-test', maxRetries: 0, timeout: 10_000 });

// The suite shares one server, so each test tags its completions and filters on the tag.
const createStored = (run, extra = {}) =>
  client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hello!' }],
    store: true,
    metadata: { run },
    ...extra,
  });

test('create with store returns a chat.completion without metadata', async () => {
  const completion = await createStored(randomUUID());

  assert.match(completion.id, /^chatcmpl-/);
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.choices[0].message.role, 'assistant');
  assert.equal(typeof completion.choices[0].message.content, 'string');
  assert.equal(completion.metadata, undefined);
});

test('the request id the SDK reports is the one the stored completion keeps', async () => {
  const completion = await createStored(randomUUID());
  assert.match(completion._request_id, /^req_[0-9a-f]{32}$/);

  const stored = await client.chat.completions.retrieve(completion.id);
  assert.equal(stored.request_id, completion._request_id);
  assert.notEqual(stored._request_id, completion._request_id);
});

test('retrieve returns the stored completion with its metadata', async () => {
  const run = randomUUID();
  const created = await createStored(run);

  const stored = await client.chat.completions.retrieve(created.id);

  assert.equal(stored.id, created.id);
  assert.deepEqual(stored.metadata, { run });
  assert.equal(stored.choices[0].message.content, created.choices[0].message.content);
});

test('list filters by metadata and model', async () => {
  const run = randomUUID();
  const mini = await createStored(run);
  const big = await createStored(run, { model: 'gpt-4o' });
  await createStored(randomUUID());

  const tagged = await client.chat.completions.list({ metadata: { run } });
  const onlyBig = await client.chat.completions.list({ metadata: { run }, model: 'gpt-4o' });

  assert.deepEqual(tagged.data.map((c) => c.id), [mini.id, big.id]);
  assert.deepEqual(onlyBig.data.map((c) => c.id), [big.id]);
  assert.equal(onlyBig.data[0].metadata.run, run);
});

test('for await walks every page in order', async () => {
  const run = randomUUID();
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push((await createStored(run)).id);

  const seen = [];
  for await (const completion of client.chat.completions.list({ metadata: { run }, limit: 2 })) seen.push(completion.id);

  assert.deepEqual(seen, ids);
  const desc = [];
  for await (const completion of client.chat.completions.list({ metadata: { run }, limit: 2, order: 'desc' })) desc.push(completion.id);
  assert.deepEqual(desc, [...ids].reverse());
});

test('update replaces the metadata and list filters see it at once', async () => {
  const run = randomUUID();
  const created = await createStored(run);
  const moved = randomUUID();

  const updated = await client.chat.completions.update(created.id, { metadata: { run: moved, stage: 'reviewed' } });

  assert.equal(updated.id, created.id);
  assert.deepEqual(updated.metadata, { run: moved, stage: 'reviewed' });
  assert.equal((await client.chat.completions.list({ metadata: { run } })).data.length, 0);
  assert.deepEqual((await client.chat.completions.list({ metadata: { run: moved } })).data.map((c) => c.id), [created.id]);
});

test('delete removes the completion for good', async () => {
  const run = randomUUID();
  const created = await createStored(run);

  const deleted = await client.chat.completions.delete(created.id);

  assert.deepEqual(deleted, { object: 'chat.completion.deleted', id: created.id, deleted: true });
  await assert.rejects(client.chat.completions.retrieve(created.id), NotFoundError);
  await assert.rejects(client.chat.completions.update(created.id, { metadata: { run } }), NotFoundError);
  await assert.rejects(client.chat.completions.delete(created.id), NotFoundError);
  await assert.rejects(client.chat.completions.messages.list(created.id), NotFoundError);
  assert.equal((await client.chat.completions.list({ metadata: { run } })).data.length, 0);
});

test('messages.list returns the request messages with ids and content parts', async () => {
  const created = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    store: true,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi ' }, { type: 'text', text: 'there' }] },
      { role: 'assistant', content: 'Hello.' },
      { role: 'user', content: 'Bye!' },
    ],
  });

  const all = [];
  for await (const message of client.chat.completions.messages.list(created.id, { limit: 3 })) all.push(message);

  assert.deepEqual(all.map((m) => m.id), [0, 1, 2, 3].map((i) => `${created.id}-${i}`));
  assert.deepEqual(all.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
  assert.equal(all[0].content, 'Be brief.');
  assert.equal(all[0].content_parts, null);
  assert.deepEqual(all[1].content_parts, [{ type: 'text', text: 'Hi ' }, { type: 'text', text: 'there' }]);
  const newestFirst = await client.chat.completions.messages.list(created.id, { order: 'desc', limit: 1 });
  assert.deepEqual(newestFirst.data.map((m) => m.content), ['Bye!']);
  assert.equal(newestFirst.has_more, true);
});

test('errors arrive as the SDK error classes with OpenAI bodies', async () => {
  const missing = await client.chat.completions.retrieve('chatcmpl-missing').catch((e) => e);
  assert.ok(missing instanceof NotFoundError);
  assert.equal(missing.status, 404);
  assert.equal(missing.error.type, 'invalid_request_error');
  assert.match(missing.requestID, /^req_[0-9a-f]{32}$/);

  const unstored = await client.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], metadata: { a: 'b' } })
    .catch((e) => e);
  assert.ok(unstored instanceof BadRequestError);
  assert.equal(unstored.param, 'metadata');
  assert.equal(unstored.message, "400 The 'metadata' parameter is only allowed when 'store' is enabled.");

  const badCursor = await client.chat.completions.list({ after: 'chatcmpl-missing' }).catch((e) => e);
  assert.ok(badCursor instanceof BadRequestError);
  assert.equal(badCursor.param, 'after');
});

test('models list and retrieve', async () => {
  const models = await client.models.list();
  assert.ok(models.data.length > 0);
  for (const model of models.data) {
    assert.equal(model.object, 'model');
    assert.equal(typeof model.created, 'number');
    assert.equal(typeof model.owned_by, 'string');
  }

  const model = await client.models.retrieve(models.data[0].id);
  assert.equal(model.id, models.data[0].id);
  assert.equal(model.object, 'model');
});
