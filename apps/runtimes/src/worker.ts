// A workerd module worker that runs the scenario with the input POSTed to it and answers with the report.
import { runScenario } from './scenario.ts';

export default {
  async fetch(request: Request): Promise<Response> {
    const report = await runScenario(await request.json());
    return Response.json(report);
  },
};
