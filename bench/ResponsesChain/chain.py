#!/usr/bin/env python3
"""Continues a previous_response_id chain to 100 turns against a running ChatApi and prints the time of each
continuation at turns 1, 10, 50 and 100 (median of the 5 around each), so growth with the context shows.
Usage: chain.py http://127.0.0.1:5000"""
import json, statistics, sys, time, urllib.request

base = sys.argv[1].rstrip('/')

def post(body):
    request = urllib.request.Request(base + '/v1/responses', json.dumps(body).encode(), {'Content-Type': 'application/json'})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    return answer, time.perf_counter() - started

previous, times = None, []
for turn in range(105):
    answer, seconds = post({'model': 'gpt-4o-mini', 'input': f'Turn {turn}: tell me more.', 'max_output_tokens': 16,
                            **({'previous_response_id': previous} if previous else {})})
    previous = answer['id']
    times.append((seconds, answer['usage']['input_tokens']))

for turn in (1, 10, 50, 100):
    window = times[max(0, turn - 2):turn + 3]
    print(f'CHAIN turn={turn} input_tokens={times[turn][1]} median_ms={statistics.median(t for t, _ in window) * 1000:.2f}')
