import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { addGlobalOptions, type GlobalFlags } from './global-options.js';

function program(): { root: Command; seen: GlobalFlags[] } {
  const seen: GlobalFlags[] = [];
  const root = addGlobalOptions(new Command('lbaas').exitOverride());
  root
    .command('loadbalancer')
    .command('list')
    .option('--name <name>')
    .action((_opts: unknown, cmd: Command) => {
      seen.push(cmd.optsWithGlobals());
    });
  return { root, seen };
}

test('global options are seen before and after the subcommand', async () => {
  const { root, seen } = program();
  await root.parseAsync(['loadbalancer', 'list', '--os-cloud', 'x', '--name', 'n', '--debug'], {
    from: 'user',
  });
  await root.parseAsync(['--os-auth-type', 'none', '--os-endpoint', 'http://e', 'loadbalancer', 'list'], {
    from: 'user',
  });
  assert.equal(seen[0]?.osCloud, 'x');
  assert.equal(seen[0]?.debug, true);
  assert.equal(seen[1]?.osAuthType, 'none');
  assert.equal(seen[1]?.osEndpoint, 'http://e');
});

test('help names each env var; --os-interface takes only admin/public/internal', async () => {
  const { root } = program();
  const help = root.helpInformation();
  for (const env of [
    'OS_CLOUD',
    'OS_AUTH_URL',
    'OS_AUTH_TYPE',
    'OS_USERNAME',
    'OS_PASSWORD',
    'OS_PROJECT_NAME',
    'OS_PROJECT_ID',
    'OS_USER_DOMAIN_NAME',
    'OS_USER_DOMAIN_ID',
    'OS_PROJECT_DOMAIN_NAME',
    'OS_PROJECT_DOMAIN_ID',
    'OS_TOKEN',
    'OS_ENDPOINT',
    'OS_REGION_NAME',
    'OS_INTERFACE',
  ]) {
    assert.ok(help.includes(`(Env: ${env})`), env);
  }
  root.configureOutput({ writeErr: () => undefined });
  await assert.rejects(
    root.parseAsync(['--os-interface', 'private', 'loadbalancer', 'list'], { from: 'user' }),
    /Allowed choices/,
  );
});
