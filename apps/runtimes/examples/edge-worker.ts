import { AnnotationClient } from '@synapse/annotation';

interface Env {
  SYNAPSE_BASE_URL: string;
  SYNAPSE_ACCESS_TOKEN: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const client = new AnnotationClient({
      baseUrl: env.SYNAPSE_BASE_URL,
      accessToken: env.SYNAPSE_ACCESS_TOKEN,
    });
    const id = Number(new URL(request.url).searchParams.get('project') ?? 1);
    const project = await client.getProject(id);
    return Response.json({ id: project.id, title: project.title });
  },
};
