// The OpenAI Agents SDK's default model (the Responses API through the openai client) against a running ChatApi:
// only the base URL (OPENAI_BASE_URL) changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';

const baseURL = process.env.CHATAPI_BASE_URL;
assert.ok(baseURL, 'set CHATAPI_BASE_URL to the server, e.g. http://127.0.0.1:5000');
process.env.OPENAI_BASE_URL = new URL('/v1', baseURL).href;
process.env.OPENAI_API_KEY = 'sk-test';
const { Agent, run, tool, setTracingDisabled } = await import('@openai/agents');
setTracingDisabled(true); // traces would go to api.openai.com

const weatherAgent = (calls) => new Agent({
  name: 'Weather',
  instructions: 'Answer questions about the weather.',
  tools: [tool({
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => { calls.push(city); return `21 degrees in ${city}`; },
  })],
});

test('an agent with a tool calls it and answers', async () => {
  const calls = [];
  const result = await run(weatherAgent(calls), 'What is the weather in Paris?');
  assert.equal(calls.length, 1);
  assert.match(result.rawResponses[0].responseId, /^resp_/); // the Responses API, not chat completions
  assert.equal(typeof result.finalOutput, 'string');
  assert.ok(result.finalOutput.length > 0);
});

test('a streamed agent run with a tool', async () => {
  const calls = [];
  const result = await run(weatherAgent(calls), 'What is the weather in Paris?', { stream: true });
  let text = '';
  for await (const piece of result.toTextStream()) text += piece;
  await result.completed;
  assert.equal(calls.length, 1);
  assert.ok(text.length > 0);
  assert.equal(result.finalOutput, text);
});
