#!/usr/bin/env python3
"""dev's NIFCLOUD end built through the NIFCLOUD stand-in's own API (tests/fakes/nifcloud_api.py), in process, as
the scripts build it (scripts/nifcloud/*.sh): the seeded LAN and firewall group (tests/fakes/nifcloud_seed_dev.json),
a VPN gateway on the LAN, a customer gateway for GCP's address, an IPsec VTI connection. Prints GET /_state.

stdin: {"gcpIp", "key", "ipsec": NiftyIpsecConfiguration without the key, "lanSide": the customer gateway's
LAN-side block, "type": "IPsec VTI" | "IPsec"}. Needs the `nifcloud` package (the project's test venv).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "fakes"))
for name in ("REHEARSAL_HOME", "REHEARSAL_OPS_LOG", "REHEARSAL_TIME_SCALE"):
    os.environ.pop(name, None)
import nifcloud_api  # noqa: E402


def settle(api, describe):
    for _ in range(nifcloud_api.PENDING_POLLS + 2):
        getattr(api, describe)({})


def main():
    spec = json.load(sys.stdin)
    api = nifcloud_api.Api()
    with open(os.path.join(HERE, "..", "..", "fakes", "nifcloud_seed_dev.json")) as f:
        api.seed(json.load(f))
    api.CreateVpnGateway({"NiftyVpnGatewayName": "NifcAnthosVpn", "NiftyVpnGatewayType": "small", "SecurityGroup": ["FWNIFC"],
                          "NiftyNetwork": {"NetworkId": "net-0a1b2c3d", "IpAddress": "172.16.232.2"},
                          "Placement": {"AvailabilityZone": "east-11"}})
    settle(api, "DescribeVpnGateways")
    api.CreateCustomerGateway({"NiftyCustomerGatewayName": "VPNCGW", "IpAddress": spec["gcpIp"], "Type": spec.get("type", "IPsec VTI"),
                               "NiftyLanSideCidrBlock": spec.get("lanSide", "10.128.0.0/12")})
    settle(api, "DescribeCustomerGateways")
    gateway = next(iter(api.s.gateways.values()))
    customer = next(iter(api.s.cgws.values()))
    api.CreateVpnConnection({"Type": spec.get("type", "IPsec VTI"), "VpnGatewayId": gateway["VpnGatewayId"],
                             "CustomerGatewayId": customer["CustomerGatewayId"],
                             "NiftyIpsecConfiguration": {**spec["ipsec"], "PreSharedKey": spec["key"]}})
    settle(api, "DescribeVpnConnections")
    json.dump(api.state(), sys.stdout)


if __name__ == "__main__":
    main()
