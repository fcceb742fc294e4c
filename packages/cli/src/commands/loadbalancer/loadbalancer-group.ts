import type { Command } from 'commander';
import { addAmphoraCommands } from './amphora.commands.js';
import { addAvailabilityZoneProfileCommands } from './availability-zone-profile.commands.js';
import { addAvailabilityZoneCommands } from './availability-zone.commands.js';
import { addFlavorProfileCommands } from './flavor-profile.commands.js';
import { addFlavorCommands } from './flavor.commands.js';
import { addHealthMonitorCommands } from './health-monitor.commands.js';
import { addL7PolicyCommands } from './l7-policy.commands.js';
import { addL7RuleCommands } from './l7-rule.commands.js';
import { addListenerCommands } from './listener.commands.js';
import { addLoadBalancerCommands } from './load-balancer.commands.js';
import { addMemberCommands } from './member.commands.js';
import { addPoolCommands } from './pool.commands.js';
import { addProviderCommands } from './provider.commands.js';
import { addQuotaCommands } from './quota.commands.js';

/** `lbaas loadbalancer …`: the command tree of `openstack loadbalancer …` (python-octaviaclient). */
export function addLoadBalancerGroup(program: Command): Command {
  const lb = program.command('loadbalancer').description('Octavia load balancers and everything under them');
  addLoadBalancerCommands(lb);
  addListenerCommands(lb);
  addPoolCommands(lb);
  addMemberCommands(lb);
  addHealthMonitorCommands(lb);
  addL7PolicyCommands(lb);
  addL7RuleCommands(lb);
  addQuotaCommands(lb);
  addProviderCommands(lb);
  addFlavorCommands(lb);
  addFlavorProfileCommands(lb);
  addAvailabilityZoneCommands(lb);
  addAvailabilityZoneProfileCommands(lb);
  addAmphoraCommands(lb);
  return lb;
}
