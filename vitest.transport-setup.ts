import { beforeEach } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** The vitest project, named after the transport the test ran with (see vitest.shared.ts). */
    transport?: string;
  }
}

// The JSON report names a test's file but not its project: the closing summary reads the transport from here.
beforeEach(({ task }) => {
  task.meta.transport = task.file.projectName;
});
