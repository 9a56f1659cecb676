// The Vercel AI SDK's documented default provider (`createOpenAI({ baseURL })(model)`, which speaks the Responses API)
// against a running ChatApi, with nothing changed but the base URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateText, streamText, generateObject, tool, stepCountIs } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { z } from 'zod';

const baseURL = process.env.CHATAPI_BASE_URL;
assert.ok(baseURL, 'set CHATAPI_BASE_URL to the server, e.g. http://127.0.0.1:5000');

const openai = createOpenAI({ baseURL: new URL('/v1', baseURL).href, apiKey: 'sk-test' });
const model = openai('gpt-4o-mini');

const weather = (calls) => tool({
  description: 'The weather in a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => { calls.push(city); return { city, temperature: 21 }; },
});

test('generateText returns the text and usage', async () => {
  const result = await generateText({ model, prompt: 'Say something.', maxRetries: 0 });
  assert.ok(result.text.length > 0);
  assert.equal(result.finishReason, 'stop');
  assert.ok(result.usage.inputTokens > 0);
  assert.match(result.response.id, /^resp_/);
});

test('streamText streams the text', async () => {
  const result = streamText({ model, prompt: 'Stream something.', maxRetries: 0 });
  let streamed = '';
  for await (const piece of result.textStream) streamed += piece;
  assert.ok(streamed.length > 0);
  assert.equal(await result.text, streamed);
  assert.equal(await result.finishReason, 'stop');
});

test('a tool round trip: the model calls the tool, then answers from its result', async () => {
  const calls = [];
  const result = await generateText({
    model, prompt: 'What is the weather in Paris?', tools: { get_weather: weather(calls) }, stopWhen: stepCountIs(3), maxRetries: 0,
  });
  assert.equal(calls.length, 1);
  assert.equal(result.steps.length, 2);
  assert.equal(result.steps[0].toolCalls[0].toolName, 'get_weather');
  assert.ok(result.text.length > 0);
});

test('a streamed tool round trip', async () => {
  const calls = [];
  const result = streamText({
    model, prompt: 'What is the weather in Paris?', tools: { get_weather: weather(calls) }, stopWhen: stepCountIs(3), maxRetries: 0,
  });
  const text = await result.text;
  assert.equal(calls.length, 1);
  assert.equal((await result.steps).length, 2);
  assert.ok(text.length > 0);
});

test('generateObject returns an object matching the schema', async () => {
  const schema = z.object({ name: z.string(), age: z.number().int(), tags: z.array(z.string()) });
  const { object } = await generateObject({ model, schema, prompt: 'Make a person.', maxRetries: 0 });
  assert.deepEqual(schema.parse(object), object);
});
