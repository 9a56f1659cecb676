// The official `openai` npm SDK's Responses client against a running ChatApi (built-in backend):
// run by tests/ChatApi.Tests/Sdk/JsSdkTests.cs, or by hand with CHATAPI_BASE_URL=http://127.0.0.1:5000 node --test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { NotFoundError, BadRequestError } from 'openai';

const baseURL = process.env.CHATAPI_BASE_URL;
assert.ok(baseURL, 'set CHATAPI_BASE_URL to the server, e.g. http://127.0.0.1:5000');

const client = new OpenAI({ baseURL: new URL('/v1', baseURL).href, apiKey: 'sk-test', maxRetries: 0, timeout: 10_000 });

const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

test('responses.create returns a response whose output_text the SDK assembles', async () => {
  const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'Tell me about tests.', instructions: 'Be brief.' });

  assert.match(response.id, /^resp_[0-9a-f]{48}$/);
  assert.equal(response.object, 'response');
  assert.equal(response.status, 'completed');
  assert.equal(response.instructions, 'Be brief.');
  assert.equal(response.output[0].type, 'message');
  assert.match(response.output[0].id, /^msg_/);
  assert.equal(response.output[0].content[0].type, 'output_text');
  assert.ok(response.output_text.length > 0);
  assert.equal(response.output_text, response.output[0].content[0].text);
  assert.ok(response.usage.input_tokens > 0);
  assert.equal(response.usage.total_tokens, response.usage.input_tokens + response.usage.output_tokens);
});

test('responses.stream sends typed events in order and a final response equal to the deltas', async () => {
  const stream = client.responses.stream({ model: 'gpt-4o-mini', input: 'Stream something.' });
  const types = [];
  const numbers = [];
  let deltas = '';
  for await (const event of stream) {
    types.push(event.type);
    numbers.push(event.sequence_number);
    if (event.type === 'response.output_text.delta') deltas += event.delta;
  }
  const final = await stream.finalResponse();

  assert.deepEqual(types.slice(0, 4), ['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
  assert.deepEqual(types.slice(-4), ['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']);
  assert.deepEqual(numbers, numbers.map((_, i) => i));
  assert.equal(final.output_text, deltas);
  assert.equal(final.status, 'completed');
});

test('create with stream: true yields function call events for a tool call', async () => {
  const stream = await client.responses.create({
    model: 'gpt-4o-mini', input: 'What is the weather in Paris?', tools: [weatherTool], tool_choice: 'required', stream: true,
  });
  const events = [];
  for await (const event of stream) events.push(event);
  const done = events.find(e => e.type === 'response.function_call_arguments.done');
  const completed = events.at(-1);

  assert.equal(completed.type, 'response.completed');
  assert.equal(done.name, 'get_weather');
  assert.equal(typeof JSON.parse(done.arguments).city, 'string');
  assert.equal(events.filter(e => e.type === 'response.function_call_arguments.delta').map(e => e.delta).join(''), done.arguments);
  assert.equal(completed.response.output[0].type, 'function_call');
  assert.match(completed.response.output[0].call_id, /^call_/);
});

test('a tool round trip through previous_response_id ends in a text answer', async () => {
  const first = await client.responses.create({ model: 'gpt-4o-mini', input: 'What is the weather in Paris?', tools: [weatherTool] });
  const call = first.output.find(item => item.type === 'function_call');
  assert.ok(call, 'the built-in model calls a tool the prompt mentions');

  const second = await client.responses.create({
    model: 'gpt-4o-mini',
    previous_response_id: first.id,
    input: [{ type: 'function_call_output', call_id: call.call_id, output: '{"temperature":21}' }],
    tools: [weatherTool],
  });

  assert.equal(second.previous_response_id, first.id);
  assert.equal(second.output[0].type, 'message');
  assert.ok(second.output_text.length > 0);
});

test('retrieve, inputItems.list and delete work on a stored response', async () => {
  const created = await client.responses.create({
    model: 'gpt-4o-mini',
    input: [
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer' },
      { role: 'user', content: [{ type: 'input_text', text: 'Second question' }] },
    ],
    metadata: { suite: 'js' },
  });

  const retrieved = await client.responses.retrieve(created.id);
  assert.equal(retrieved.id, created.id);
  assert.equal(retrieved.output_text, created.output_text);
  assert.deepEqual(retrieved.metadata, { suite: 'js' });

  const items = [];
  for await (const item of client.responses.inputItems.list(created.id, { limit: 2 })) items.push(item);
  assert.equal(items.length, 3);
  assert.equal(items[0].content[0].text, 'Second question'); // newest first by default
  assert.ok(items.every(item => item.id.startsWith('msg_')));

  await client.responses.delete(created.id);
  await assert.rejects(client.responses.retrieve(created.id), NotFoundError);
});

test('an unknown previous_response_id is a 400 naming the param', async () => {
  await assert.rejects(
    client.responses.create({ model: 'gpt-4o-mini', input: 'hi', previous_response_id: 'resp_missing' }),
    error => error instanceof BadRequestError && error.param === 'previous_response_id' && error.code === 'previous_response_not_found');
});

test('store: false responses are not kept', async () => {
  const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', store: false });
  assert.equal(response.store, false);
  await assert.rejects(client.responses.retrieve(response.id), NotFoundError);
});

test('text.format json_schema gives JSON matching the schema', async () => {
  const response = await client.responses.create({
    model: 'gpt-4o-mini',
    input: 'Make a person.',
    text: {
      format: {
        type: 'json_schema', name: 'person', strict: true,
        schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'], additionalProperties: false },
      },
    },
  });
  const person = JSON.parse(response.output_text);
  assert.equal(typeof person.name, 'string');
  assert.ok(Number.isInteger(person.age));
  assert.equal(response.text.format.name, 'person');
});

test('inputTokens.count counts the input', async () => {
  const short = await client.responses.inputTokens.count({ model: 'gpt-4o-mini', input: 'hi' });
  const long = await client.responses.inputTokens.count({ model: 'gpt-4o-mini', input: 'hi '.repeat(50) });
  assert.equal(short.object, 'response.input_tokens');
  assert.ok(long.input_tokens > short.input_tokens);
});
