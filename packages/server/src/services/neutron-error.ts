import { DomainError, type DomainErrorKind } from '@lbaas/core';

/**
 * A domain error of the Neutron API: `type` is Neutron's exception class name, which its fault body
 * (`{"NeutronError": {"type", "message", "detail"}}`) carries and clients match on.
 */
export class NeutronError extends DomainError {
  readonly type: string;
  constructor(kind: DomainErrorKind, type: string, message: string) {
    super(kind, message);
    this.name = 'NeutronError';
    this.type = type;
  }
}

/** neutron-lib's messages for the exceptions the network subset raises. */
export const neutronErrors = {
  networkNotFound: (id: string) =>
    new NeutronError('not_found', 'NetworkNotFound', `Network ${id} could not be found.`),
  subnetNotFound: (id: string) =>
    new NeutronError('not_found', 'SubnetNotFound', `Subnet ${id} could not be found.`),
  portNotFound: (id: string) =>
    new NeutronError('not_found', 'PortNotFound', `Port ${id} could not be found.`),
  floatingIpNotFound: (id: string) =>
    new NeutronError('not_found', 'FloatingIPNotFound', `Floating IP ${id} could not be found`),
  tagNotFound: (tag: string, resource: string, id: string) =>
    new NeutronError('not_found', 'TagNotFound', `Tag ${tag} could not be found for ${resource} ${id}.`),
  /** 403 for an action the caller's roles do not allow on an object it can see. */
  policy: (action: string) =>
    new NeutronError('forbidden', 'PolicyNotAuthorized', `(rule:${action}) is disallowed by policy`),
  /** neutron-lib InvalidInput (400). */
  invalidInput: (detail: string) =>
    new NeutronError('invalid', 'InvalidInput', `Invalid input for operation: ${detail}.`),
  /** neutron-lib BadRequest (400). */
  badRequest: (resource: string, detail: string) =>
    new NeutronError('invalid', 'BadRequest', `Bad ${resource} request: ${detail}.`),
  networkInUse: (id: string) =>
    new NeutronError(
      'conflict',
      'NetworkInUse',
      `Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`,
    ),
  subnetInUse: (id: string) =>
    new NeutronError(
      'conflict',
      'SubnetInUse',
      `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`,
    ),
  ipAddressAlreadyAllocated: (ip: string, subnetId: string) =>
    new NeutronError(
      'conflict',
      'IpAddressAlreadyAllocated',
      `IP address ${ip} already allocated in subnet ${subnetId}`,
    ),
  invalidIpForSubnet: (ip: string) =>
    new NeutronError(
      'invalid',
      'InvalidIpForSubnet',
      `IP address ${ip} is not a valid IP for the specified subnet.`,
    ),
  invalidIpForNetwork: (ip: string) =>
    new NeutronError(
      'invalid',
      'InvalidIpForNetwork',
      `IP address ${ip} is not a valid IP for any of the subnets on the specified network.`,
    ),
  ipAddressGenerationFailure: (networkId: string) =>
    new NeutronError(
      'conflict',
      'IpAddressGenerationFailure',
      `No more IP addresses available on network ${networkId}.`,
    ),
  macAddressInUse: (networkId: string, mac: string) =>
    new NeutronError(
      'conflict',
      'MacAddressInUse',
      `Unable to complete operation for network ${networkId}. The mac address ${mac} is in use.`,
    ),
};
