// Streams, tool calls, structured output and log probabilities from ChatApi's built-in backend, read by the
// official `openai` npm SDK. Run by tests/ChatApi.Tests/Sdk/JsSdkTests.cs, or by hand with CHATAPI_BASE_URL set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.CHATAPI_BASE_URL;
assert.ok(baseURL, 'set CHATAPI_BASE_URL to the server, e.g. http://127.0.0.1:5000');

const client = new OpenAI({ baseURL: new URL('/v1', baseURL).href, apiKey: 'sk-test', maxRetries: 0, timeout: 10_000 });

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 1, maximum: 7 },
      },
      required: ['city', 'unit', 'days'],
      additionalProperties: false,
    },
    strict: true,
  },
};

test('a stream arrives as chunks that join to the non-streamed reply, with usage last', async () => {
  const request = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me about streams.' }], seed: 5 };
  const whole = await client.chat.completions.create(request);

  const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);

  assert.equal(new Set(chunks.map((c) => c.id)).size, 1);
  assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
  const text = chunks.flatMap((c) => c.choices).map((c) => c.delta.content ?? '').join('');
  assert.equal(text, whole.choices[0].message.content);
  const finish = chunks.flatMap((c) => c.choices).find((c) => c.finish_reason);
  assert.equal(finish.finish_reason, 'stop');
  const last = chunks.at(-1);
  assert.deepEqual(last.choices, []);
  assert.equal(last.usage.completion_tokens, whole.usage.completion_tokens);
  assert.equal(last.usage.prompt_tokens, whole.usage.prompt_tokens);
});

test('the SDK stream helper assembles a streamed tool call with schema-valid arguments', async () => {
  const runner = client.chat.completions.stream({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'What is the weather in Paris? Use get_weather.' }],
    tools: [weatherTool],
  });

  const completion = await runner.finalChatCompletion();

  const choice = completion.choices[0];
  assert.equal(choice.finish_reason, 'tool_calls');
  const [call] = choice.message.tool_calls;
  assert.match(call.id, /^call_/);
  assert.equal(call.function.name, 'get_weather');
  const args = JSON.parse(call.function.arguments);
  assert.deepEqual(Object.keys(args).sort(), ['city', 'days', 'unit']);
  assert.equal(typeof args.city, 'string');
  assert.ok(['celsius', 'fahrenheit'].includes(args.unit));
  assert.ok(Number.isInteger(args.days) && args.days >= 1 && args.days <= 7);
});

test('an agent loop: tool call, tool result, then a plain answer', async () => {
  const messages = [{ role: 'user', content: 'What is the weather in Oslo? Use get_weather.' }];
  const first = await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [weatherTool] });
  const call = first.choices[0].message.tool_calls[0];

  messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '{"temperature": 3}' });
  const second = await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [weatherTool] });

  assert.equal(second.choices[0].finish_reason, 'stop');
  assert.equal(typeof second.choices[0].message.content, 'string');
  assert.equal(second.choices[0].message.tool_calls, undefined);
});

test('json_schema output parses and fits the schema', async () => {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Describe a book.' }],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'book',
        strict: true,
        schema: {
          type: 'object',
          properties: {
            title: { type: 'string' },
            year: { type: 'integer' },
            genre: { type: 'string', enum: ['novel', 'poetry', 'essay'] },
            authors: { type: 'array', items: { type: 'string' } },
          },
          required: ['title', 'year', 'genre', 'authors'],
          additionalProperties: false,
        },
      },
    },
  });

  const book = JSON.parse(completion.choices[0].message.content);
  assert.deepEqual(Object.keys(book).sort(), ['authors', 'genre', 'title', 'year']);
  assert.equal(typeof book.title, 'string');
  assert.ok(Number.isInteger(book.year));
  assert.ok(['novel', 'poetry', 'essay'].includes(book.genre));
  assert.ok(Array.isArray(book.authors) && book.authors.every((a) => typeof a === 'string'));
});

test('log probabilities spell the content, in whole and in a stream', async () => {
  const request = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi there' }], logprobs: true, top_logprobs: 2 };
  const completion = await client.chat.completions.create(request);

  const entries = completion.choices[0].logprobs.content;
  assert.equal(entries.map((e) => e.token).join(''), completion.choices[0].message.content);
  for (const entry of entries) {
    assert.ok(entry.logprob <= 0);
    assert.deepEqual(entry.bytes, [...Buffer.from(entry.token, 'utf8')]);
    assert.equal(entry.top_logprobs.length, 2);
    assert.equal(entry.top_logprobs[0].token, entry.token);
    assert.ok(entry.top_logprobs[0].logprob >= entry.top_logprobs[1].logprob);
  }

  const streamed = [];
  for await (const chunk of await client.chat.completions.create({ ...request, stream: true })) {
    for (const choice of chunk.choices) streamed.push(...(choice.logprobs?.content ?? []));
  }
  assert.deepEqual(streamed.map((e) => e.token), entries.map((e) => e.token));
});
