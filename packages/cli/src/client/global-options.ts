import { Option, type Command } from 'commander';

/** The root command's `--os-*` options and `--debug`, as commander hands them over (camelCase). */
export interface GlobalFlags {
  osCloud?: string | undefined;
  osAuthUrl?: string | undefined;
  osAuthType?: string | undefined;
  osUsername?: string | undefined;
  osPassword?: string | undefined;
  osProjectName?: string | undefined;
  osProjectId?: string | undefined;
  osUserDomainName?: string | undefined;
  osUserDomainId?: string | undefined;
  osProjectDomainName?: string | undefined;
  osProjectDomainId?: string | undefined;
  osToken?: string | undefined;
  osEndpoint?: string | undefined;
  osRegionName?: string | undefined;
  osInterface?: string | undefined;
  debug?: boolean | undefined;
}

/** The option table: flag, metavar, help (osc's texts), env var. Env vars are read by resolveCloudConfig. */
const OPTIONS: ReadonlyArray<readonly [flag: string, metavar: string, help: string, env: string]> = [
  ['--os-cloud', '<cloud-config-name>', 'Cloud name in clouds.yaml', 'OS_CLOUD'],
  [
    '--os-auth-type',
    '<auth-type>',
    'Select an authentication type. Available types: password, v3password, token, admin_token, none. ' +
      'Default: selected based on --os-username/--os-token',
    'OS_AUTH_TYPE',
  ],
  ['--os-auth-url', '<auth-auth-url>', 'With password: Authentication URL', 'OS_AUTH_URL'],
  ['--os-username', '<auth-username>', 'With password: Username', 'OS_USERNAME'],
  ['--os-password', '<auth-password>', "With password: User's password", 'OS_PASSWORD'],
  ['--os-project-name', '<auth-project-name>', 'With password: Project name to scope to', 'OS_PROJECT_NAME'],
  ['--os-project-id', '<auth-project-id>', 'With password: Project ID to scope to', 'OS_PROJECT_ID'],
  [
    '--os-user-domain-name',
    '<auth-user-domain-name>',
    "With password: User's domain name",
    'OS_USER_DOMAIN_NAME',
  ],
  ['--os-user-domain-id', '<auth-user-domain-id>', "With password: User's domain id", 'OS_USER_DOMAIN_ID'],
  [
    '--os-project-domain-name',
    '<auth-project-domain-name>',
    'With password: Domain name containing project',
    'OS_PROJECT_DOMAIN_NAME',
  ],
  [
    '--os-project-domain-id',
    '<auth-project-domain-id>',
    'With password: Domain ID containing project',
    'OS_PROJECT_DOMAIN_ID',
  ],
  ['--os-token', '<auth-token>', 'With token, admin_token: The token that will always be used', 'OS_TOKEN'],
  [
    '--os-endpoint',
    '<auth-endpoint>',
    'With token, admin_token, none: The load-balancer endpoint that will always be used ' +
      '(e.g. http://127.0.0.1:9876/load-balancer)',
    'OS_ENDPOINT',
  ],
  ['--os-region-name', '<auth-region-name>', 'Authentication region name', 'OS_REGION_NAME'],
];

/**
 * Registers openstack's global options on the root command. Commander recognises them before or after the
 * subcommand (`lbaas loadbalancer list --os-cloud x`); read them with `cmd.optsWithGlobals()`. Environment
 * variables are deliberately not bound here: resolveCloudConfig applies them, below the flags.
 */
export function addGlobalOptions(program: Command): Command {
  for (const [flag, metavar, help, env] of OPTIONS) {
    program.addOption(new Option(`${flag} ${metavar}`, `${help} (Env: ${env})`));
  }
  program.addOption(
    new Option(
      '--os-interface <interface>',
      'Select an interface type. default=public (Env: OS_INTERFACE)',
    ).choices(['admin', 'public', 'internal']),
  );
  program.addOption(new Option('--debug', 'Print each HTTP request and response to stderr (secrets masked)'));
  return program;
}
