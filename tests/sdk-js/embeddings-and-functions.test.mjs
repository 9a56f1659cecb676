// Embeddings and the deprecated functions / function_call through the official `openai` npm SDK.
// Run by tests/ChatApi.Tests/Sdk/JsSdkTests.cs, or by hand with CHATAPI_BASE_URL set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.CHATAPI_BASE_URL;
assert.ok(baseURL, 'set CHATAPI_BASE_URL to the server, e.g. http://127.0.0.1:5000');

const client = new OpenAI({ baseURL: new URL('/v1', baseURL).href, apiKey: 'sk-test', maxRetries: 0, timeout: 10_000 });

const cosine = (a, b) => a.reduce((sum, x, i) => sum + x * b[i], 0);

const corpus = [
  'To reset your password, open Settings, choose Security and click Reset password.',
  'Our office is open Monday to Friday from 9am to 5pm.',
  'Refunds are issued to the original payment method within ten days.',
  'Shipping to Europe takes three to five business days.',
];

test('embeddings: the SDK default (base64) decodes to unit vectors, and retrieval picks the right document', async () => {
  const docs = await client.embeddings.create({ model: 'text-embedding-3-small', input: corpus });
  assert.equal(docs.object, 'list');
  assert.equal(docs.data.length, corpus.length);
  assert.ok(docs.data.every((d, i) => d.index === i && d.object === 'embedding' && d.embedding.length === 1536));
  assert.ok(Math.abs(Math.hypot(...docs.data[0].embedding) - 1) < 1e-4);
  assert.equal(docs.usage.prompt_tokens, docs.usage.total_tokens);

  for (const [question, expected] of [['How do I reset my password?', 0], ['How long do refunds take?', 2], ['How many days does shipping to Europe take?', 3]]) {
    const q = (await client.embeddings.create({ model: 'text-embedding-3-small', input: question })).data[0].embedding;
    const scores = docs.data.map((d) => cosine(q, d.embedding));
    assert.equal(scores.indexOf(Math.max(...scores)), expected, question);
  }
});

test('embeddings: explicit float and base64 give the same vector; dimensions shortens', async () => {
  const floats = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'same vector', encoding_format: 'float', dimensions: 32 });
  const raw = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'same vector', encoding_format: 'base64', dimensions: 32 });
  const bytes = Buffer.from(raw.data[0].embedding, 'base64');
  const decoded = Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
  assert.equal(floats.data[0].embedding.length, 32);
  assert.deepEqual(decoded, floats.data[0].embedding);
});

test('embeddings: an empty string is a 400 the SDK raises as BadRequestError', async () => {
  await assert.rejects(client.embeddings.create({ model: 'text-embedding-3-small', input: ['ok', ''] }), (e) => {
    assert.ok(e instanceof OpenAI.BadRequestError);
    assert.match(e.message, /'\$\.input' is invalid/);
    return true;
  });
});

const functions = [{
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string', pattern: '^\\d{5}$' } }, required: ['city', 'zip'] },
}];

test('legacy functions: a mentioned function is answered in message.function_call, then a function result gives text', async () => {
  const messages = [{ role: 'user', content: "What's the weather in Paris?" }];
  const call = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, functions });
  const choice = call.choices[0];
  assert.equal(choice.finish_reason, 'function_call');
  assert.equal(choice.message.function_call.name, 'get_weather');
  const args = JSON.parse(choice.message.function_call.arguments);
  assert.equal(args.city, 'Paris');
  assert.match(args.zip, /^\d{5}$/);

  const answer = await client.chat.completions.create({
    model: 'gpt-4o-mini', functions,
    messages: [...messages, choice.message, { role: 'function', name: 'get_weather', content: '{"temp":21}' }],
  });
  assert.equal(answer.choices[0].finish_reason, 'stop');
  assert.ok(answer.choices[0].message.content.length > 0);
});

test('legacy functions: a forced call streams delta.function_call, name first, then argument fragments', async () => {
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }], functions, function_call: { name: 'get_weather' }, stream: true,
  });
  const deltas = [];
  let finish = null;
  for await (const chunk of stream) {
    for (const c of chunk.choices) {
      if (c.delta.function_call) deltas.push(c.delta.function_call);
      finish = c.finish_reason ?? finish;
    }
  }
  assert.equal(deltas[0].name, 'get_weather');
  assert.ok(deltas.slice(1).every((d) => d.name === undefined));
  assert.ok(deltas.length > 3);
  const args = JSON.parse(deltas.map((d) => d.arguments).join(''));
  assert.match(args.zip, /^\d{5}$/);
  assert.equal(finish, 'function_call');
});
