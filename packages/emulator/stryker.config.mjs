import { strykerConfig } from '../../stryker.shared.mjs';

// The parts a client's correctness is judged against: uploads, auth, and who may reach the emulator at all.
export default strykerConfig('emulator', [
  'src/backend/auth.ts',
  'src/agent/auth.ts',
  'src/backend/routes/chunked-upload.ts',
  'src/backend/routes/upload-store.ts',
  'src/shared/access-policy.ts',
  'src/shared/access-middleware.ts',
  'src/shared/multipart.ts',
]);
