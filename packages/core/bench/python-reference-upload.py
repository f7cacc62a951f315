#!/usr/bin/env python3
"""The Python client's chunked upload loop, step for step (requests, 50 MiB chunks read whole, MD5 updated per
chunk, multipart field `filename` + part `file`, then POST {"md5": ...}), for a same-run comparison.

Usage: python3 python-reference-upload.py <file> <backendUrl> <accessToken> [chunkBytes]
Prints one JSON line: seconds, cpuSeconds, peakRssBytes, id.
"""
import hashlib
import json
import os
import resource
import sys
import time

import requests

path, base_url, token = sys.argv[1:4]
chunk_size = int(sys.argv[4]) if len(sys.argv) > 4 else 50 * 1024 * 1024
session = requests.Session()
session.headers.update({'Synapse-Access-Token': f'Token {token}'})

cpu_before = time.process_time()
started = time.perf_counter()
size = os.path.getsize(path)
md5 = hashlib.md5()
url = base_url.rstrip('/') + '/chunked_upload/'
offset = 0
with open(path, 'rb') as file:
    while chunk := file.read(chunk_size):
        md5.update(chunk)
        response = session.put(
            url,
            data={'filename': os.path.basename(path)},
            files={'file': chunk},
            headers={'Content-Range': f'bytes {offset}-{offset + len(chunk) - 1}/{size}'},
        )
        response.raise_for_status()
        reply = response.json()
        offset, url = reply['offset'], reply['url']
response = session.post(url, json={'md5': md5.hexdigest()})
response.raise_for_status()
print(json.dumps({
    'seconds': time.perf_counter() - started,
    'cpuSeconds': time.process_time() - cpu_before,
    'peakRssBytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    'id': response.json()['id'],
}))
