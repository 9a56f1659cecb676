// The Vercel AI SDK (`ai` + `@ai-sdk/openai`) pointed at ChatApi as a new user would: only the base URL changes.
// embed / embedMany for retrieval, generateObject with a zod schema using .regex() through the Chat Completions API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenAI } from '@ai-sdk/openai';
import { cosineSimilarity, embed, embedMany, generateObject } from 'ai';
import { z } from 'zod';

const baseURL = process.env.CHATAPI_BASE_URL;
assert.ok(baseURL, 'set CHATAPI_BASE_URL to the server, e.g. http://127.0.0.1:5000');

const openai = createOpenAI({ baseURL: new URL('/v1', baseURL).href, apiKey: 'sk-test' });

test('AI SDK embedMany + embed: the nearest document answers the question', async () => {
  const model = openai.textEmbeddingModel('text-embedding-3-small');
  const docs = [
    'The Eiffel Tower is in Paris and was finished in 1889.',
    'Photosynthesis turns sunlight, water and carbon dioxide into sugar.',
    'The stock market closed higher on Friday after strong earnings.',
  ];
  const { embeddings, usage } = await embedMany({ model, values: docs, maxRetries: 0 });
  assert.equal(embeddings.length, docs.length);
  assert.ok(usage.tokens > 0);

  const { embedding } = await embed({ model, value: 'When was the Eiffel Tower in Paris finished?', maxRetries: 0 });
  const scores = embeddings.map((e) => cosineSimilarity(embedding, e));
  assert.equal(scores.indexOf(Math.max(...scores)), 0);
});

test('AI SDK generateObject (.chat()) with zod .regex() fields: the object validates', async () => {
  const schema = z.object({
    zip: z.string().regex(/^\d{5}$/),
    airport: z.string().regex(/^[A-Z]{3}$/),
    flight: z.string().regex(/^[A-Z]{2}\d{3,4}$/),
    email: z.email(),
    id: z.uuid(),
  });
  const { object } = await generateObject({ model: openai.chat('gpt-4o-mini'), schema, prompt: 'Make up a booking.', maxRetries: 0 });
  assert.deepEqual(schema.parse(object), object);
});
