import { CoreClient } from '@synapse/core';

// BACKEND_URL and ACCESS_TOKEN are set when the page is built (e.g. esbuild's --define). Give a browser only a
// token its user may see.
declare const BACKEND_URL: string;
declare const ACCESS_TOKEN: string;

const client = new CoreClient({ baseUrl: BACKEND_URL, accessToken: ACCESS_TOKEN });
const input = document.querySelector('input[type=file]') as HTMLInputElement;
const status = document.querySelector('output') as HTMLOutputElement;

input.addEventListener('change', async () => {
  const file = input.files?.[0];
  if (!file) return;
  try {
    // Read in slices and hashed as it goes: the file is never in memory whole.
    const upload = await client.createChunkedUpload(file, {
      onProgress: ({ loaded, total }) => {
        status.value = `${Math.round((loaded / total) * 100)} %`;
      },
    });
    status.value = `uploaded ${upload.filename}: ${upload.md5}`;
  } catch (error) {
    status.value = `${(error as Error).name}: ${(error as Error).message}`;
  }
});
