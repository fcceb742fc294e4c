import { CliError } from '../cli-error.js';
import type { ApiClient } from '../client/api-client.js';

interface Project {
  id: string;
}

/**
 * The id of a `--project <name or ID>` (osc `find_project`): `GET /v3/projects/<value>`, then by name.
 * Without Keystone (token/none modes) or without the right to read projects, the value is taken as the id,
 * as osc does on a 403.
 */
export async function resolveProject(client: ApiClient, value: string): Promise<string> {
  let byId: { project?: Project } | undefined;
  try {
    byId = await client.requestOptional<{ project?: Project }>(
      'identity',
      'GET',
      `/projects/${encodeURIComponent(value)}`,
    );
  } catch (err) {
    if (err instanceof CliError) return value;
    throw err;
  }
  if (byId?.project) return byId.project.id;
  const byName = await client.request<{ projects: Project[] }>('identity', 'GET', '/projects', {
    query: [['name', value]],
  });
  if (byName.projects.length === 1 && byName.projects[0]) return byName.projects[0].id;
  if (byName.projects.length > 1) {
    throw new CliError(`More than one project exists with the name '${value}'.`);
  }
  throw new CliError(`No project with a name or ID of '${value}' exists.`);
}
