#!/usr/bin/env python3
"""A local stand-in for the NIFCLOUD computing API, for the command scripts (script tests) and the
lifecycle rehearsal (tests/rehearsal/README.md), driven by the real `nifcloud` CLI
(`--endpoint-url`). It keeps state in memory, answers in the XML shapes of the CLI's own service
model, and logs every request (the pre-shared key written as "[secret]"). Like the real API it is
slow to change state: new and modified objects answer `pending`/`processing`, deleted ones
`deleting`, for a few describes (FAKE_PENDING_POLLS) and, in a rehearsal, for the scaled duration
of tests/rehearsal/durations.json, before they are ready or gone; it refuses to change an object in
a transient state and to delete one still in use.

Usage: nifcloud_api.py PORT_FILE REQUEST_LOG
  A file `keys` beside PORT_FILE, when present, lists the access key ids it accepts (one a line).
Environment:
  FAKE_PENDING_POLLS         describes an object stays transient (default 2).
  FAKE_NIFCLOUD_SINGLE_PORT  how DescribeSecurityGroups returns a one-port rule: `both` (FromPort and
                             ToPort, as a recorded response does; the default) or `from` (FromPort only).
  REHEARSAL_OPS_LOG, REHEARSAL_HOME  the operation log (README "The operation log"): one line per call.
  FAKE_NIFCLOUD_TLS_CERT, FAKE_NIFCLOUD_TLS_KEY  serve HTTPS with this certificate (PEM files).
  REHEARSAL_TIME_SCALE       durations are real seconds / scale (default 60); set (or a rehearsal
                             running) turns the durations on.
Test endpoints (not NIFCLOUD's):
  POST /_seed   {"groups", "lans", "instances"}: objects someone else made before the stack ran.
  POST /_fail   {"action", "after"?, "skip"?, "times"?, "code"?, "status"?, "message"?}: the
                `skip`+1-th call of `action` (counted from the first success of `after`, when given)
                fails `times` times with `code`.
  GET  /_state  every object, as the describes show it (the pre-shared key as "[secret]", and a connection's
                `PreSharedKeySha256` beside it, for the rehearsal's data plane).
"""
import hashlib
import itertools
import json
import os
import ssl
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

import nifcloud

MODEL = json.load(open(os.path.join(os.path.dirname(nifcloud.__file__), "data/computing/3.0/service-2.json")))
SHAPES = MODEL["shapes"]
PENDING_POLLS = int(os.environ.get("FAKE_PENDING_POLLS", "2"))
SINGLE_PORT_FORM = os.environ.get("FAKE_NIFCLOUD_SINGLE_PORT", "both")
REDACTED = "[secret]"
LOCK = threading.Lock()
IDS = itertools.count(1)

OPS_LOG = os.environ.get("REHEARSAL_OPS_LOG") or (
    os.path.join(os.environ["REHEARSAL_HOME"], "operations.jsonl") if os.environ.get("REHEARSAL_HOME") else None)


def time_scale():
    """One real minute becomes one second unless REHEARSAL_TIME_SCALE says otherwise (as durations.ts reads it)."""
    try:
        scale = float(os.environ.get("REHEARSAL_TIME_SCALE", "60"))
    except ValueError:
        return 60.0
    return scale if scale > 0 and scale != float("inf") else 60.0


TIME_SCALE = time_scale()
TIMED = bool(OPS_LOG or os.environ.get("REHEARSAL_TIME_SCALE"))
DURATIONS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rehearsal", "durations.json")
DURATIONS = json.load(open(DURATIONS_FILE))["operations"]

GROUP, LAN, GATEWAY, CGW, CONNECTION, INSTANCE = (
    "nifcloud:SecurityGroup", "nifcloud:PrivateLan", "nifcloud:VpnGateway", "nifcloud:CustomerGateway",
    "nifcloud:VpnConnection", "nifcloud:Instance")
TYPE_OF = {
    "CreateSecurityGroup": GROUP, "DescribeSecurityGroups": GROUP, "AuthorizeSecurityGroupIngress": GROUP,
    "RevokeSecurityGroupIngress": GROUP, "DeleteSecurityGroup": GROUP,
    "NiftyCreatePrivateLan": LAN, "NiftyDescribePrivateLans": LAN, "NiftyDeletePrivateLan": LAN,
    "CreateVpnGateway": GATEWAY, "DescribeVpnGateways": GATEWAY, "NiftyModifyVpnGatewayAttribute": GATEWAY,
    "DeleteVpnGateway": GATEWAY,
    "CreateCustomerGateway": CGW, "DescribeCustomerGateways": CGW, "DeleteCustomerGateway": CGW,
    "CreateVpnConnection": CONNECTION, "DescribeVpnConnections": CONNECTION, "DeleteVpnConnection": CONNECTION,
}


def scaled_seconds(kind, action):
    """How long an object stays transient after `action`: durations.json's `<type>.<action>` / scale."""
    entry = DURATIONS.get(f"{kind}.{action}")
    return entry["seconds"] / TIME_SCALE if TIMED and entry else 0.0


class ApiError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def nest(params):
    """Turns flattened query parameters (A.1.B=x) into nested dicts and lists."""
    root = {}
    for key, value in params.items():
        node, parts = root, key.split(".")
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            node = node.setdefault(part, value if last else {})
    return listify(root)


def listify(node):
    if not isinstance(node, dict):
        return node
    if node and all(k.isdigit() for k in node):
        return [listify(node[k]) for k in sorted(node, key=int)]
    return {k: listify(v) for k, v in node.items()}


def render(shape_name, value):
    shape = SHAPES[shape_name]
    kind = shape["type"]
    if kind == "structure":
        out = []
        for member, spec in shape["members"].items():
            if member in value and value[member] is not None:
                tag = spec.get("locationName", member)
                out.append(f"<{tag}>{render(spec['shape'], value[member])}</{tag}>")
        return "".join(out)
    if kind == "list":
        member = shape["member"]
        tag = member.get("locationName", "item")
        return "".join(f"<{tag}>{render(member['shape'], v)}</{tag}>" for v in value)
    if kind == "boolean":
        return "true" if value else "false"
    return escape(str(value))


class Store:
    def __init__(self):
        self.groups, self.lans, self.gateways, self.cgws, self.conns, self.instances = {}, {}, {}, {}, {}, {}


def lifecycle(obj, state_key, state, then, kind=None, action=None):
    """Puts obj in `state` for PENDING_POLLS describes and the action's scaled duration, then moves
    it to `then` (None: gone)."""
    obj.update({state_key: state, "_state_key": state_key, "_polls": PENDING_POLLS, "_then": then,
                "_ready_at": time.monotonic() + (scaled_seconds(kind, action) if kind else 0.0)})
    return obj


def advance(store, obj):
    """One describe of obj: counts down its transient state. Returns obj, or None once it is gone."""
    if obj.get("_then", "") == "":
        return obj
    if obj["_polls"] > 0:
        obj["_polls"] -= 1
        return obj
    if time.monotonic() < obj["_ready_at"]:
        return obj
    if obj["_then"] is None:
        store.pop(obj["_key"], None)
        return None
    obj[obj["_state_key"]] = obj["_then"]
    obj["_then"] = ""
    return obj


def public(obj):
    return {k: v for k, v in obj.items() if not k.startswith("_")}


def first(value):
    return value[0] if isinstance(value, list) else value


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def busy(kind, name, state):
    return ApiError(f"Client.ResourceIncorrectState.{kind}", f"The {kind} '{name}' is {state}; try again later.")


# Firewall rules. NIFCLOUD documents a one-port TCP/UDP rule as its start port only ("ポートを単一
# 指定する際は、許可開始ポートのみを指定します": the model's AuthorizeSecurityGroupIngress and
# RevokeSecurityGroupIngress documentation), and a rule as one protocol, port range and source:
# terraform-provider-nifcloud sends one CIDR or group per rule (computing/securitygrouprule/
# expander.go), and a recorded DescribeSecurityGroups response lists one source per permission and
# a one-port rule with fromPort and toPort equal (nifcloud/nifcloud-cloud-controller-manager 231d33d,
# pkg/cloudprovider/providers/nifcloud/testdata/describe_security_groups.xml). So the
# stand-in stores one permission per source, a one-port range as FromPort = ToPort.
PORTED = ("TCP", "UDP")


def stored_rules(p):
    """The permissions of an Authorize/Revoke request as the API stores them: one per source."""
    rules = []
    for r in p.get("IpPermissions", []):
        protocol = r.get("IpProtocol", "TCP")
        low = int(r["FromPort"]) if "FromPort" in r else None
        high = int(r["ToPort"]) if "ToPort" in r else None
        if protocol in PORTED:
            if low is None:
                raise ApiError("Client.InvalidParameterNotFound.FromPort", f"FromPort is required for {protocol}.")
            if high is not None and high < low:
                raise ApiError("Client.InvalidParameter.ToPort", f"ToPort {high} is below FromPort {low}.")
            high = low if high is None else high
        else:
            low = high = None  # ports belong to TCP and UDP only (the same documentation)
        sources = [{"IpRanges": [{"CidrIp": x["CidrIp"]}]} for x in r.get("IpRanges", [])]
        sources += [{"Groups": [{"GroupName": g["GroupName"]}]} for g in r.get("Groups", [])]
        if not sources:
            raise ApiError("Client.InvalidParameterNotFound.IpRanges", "A rule needs an IP range or a group.")
        for source in sources:
            rules.append({"IpProtocol": protocol, "FromPort": low, "ToPort": high, "InOut": r.get("InOut", "IN"),
                          **source, "Description": r.get("Description")})
    return rules


def rule_identity(rule):
    return json.dumps([rule["IpProtocol"], rule["FromPort"], rule["ToPort"], rule["InOut"],
                       rule.get("IpRanges"), rule.get("Groups")])


def shown_rule(rule):
    """A stored rule as DescribeSecurityGroups returns it."""
    shown = {k: v for k, v in rule.items() if v is not None}
    if SINGLE_PORT_FORM == "from" and rule["FromPort"] is not None and rule["FromPort"] == rule["ToPort"]:
        shown.pop("ToPort")
    return shown


class Api:
    def __init__(self):
        self.s = Store()
        self.faults = []
        self.op = {}

    def note(self, **fields):
        """What the operation log says about the call being answered (id, name, refs)."""
        self.op.update({k: v for k, v in fields.items() if v is not None})

    def _describe(self, store, objs):
        return [public(o) for o in (advance(store, o) for o in list(objs)) if o is not None]

    # Instances (seeded only): the servers a group and a LAN hold.
    def _instances_in_group(self, name):
        return [{"InstanceId": i["InstanceId"]} for i in self.s.instances.values() if i.get("SecurityGroup") == name]

    def _instances_on_lan(self, network_id):
        return [{"InstanceId": i["InstanceId"], "IpAddress": n.get("IpAddress")}
                for i in self.s.instances.values() for n in i.get("NetworkInterfaceSet", []) if n.get("NetworkId") == network_id]

    # Firewall groups
    def CreateSecurityGroup(self, p):
        name = p["GroupName"]
        self.note(id=name, name=name)
        if name in self.s.groups:
            raise ApiError("Client.InvalidParameterDuplicate.GroupName", f"The groupName '{name}' is already in use.")
        self.s.groups[name] = lifecycle({"_key": name, "GroupName": name, "GroupDescription": p.get("GroupDescription", ""),
                                         "AvailabilityZone": p.get("Placement", {}).get("AvailabilityZone"),
                                         "_rules": [], "_instances": []}, "GroupStatus", "processing", "applied",
                                        GROUP, "CreateSecurityGroup")
        return {"Return": True}

    def _group_users(self, name):
        g = self.s.groups[name]
        gws = [{"VpnGatewayId": x["VpnGatewayId"], "NiftyVpnGatewayName": x["NiftyVpnGatewayName"]}
               for x in self.s.gateways.values() if first(x["GroupSet"])["GroupId"] == name]
        return gws, g["_instances"] + self._instances_in_group(name)

    def _shown_group(self, g):
        gws, instances = self._group_users(g["GroupName"])
        return {**public(g), "IpPermissions": [shown_rule(r) for r in g["_rules"]], "VpnGatewaySet": gws,
                "InstancesSet": instances}

    def DescribeSecurityGroups(self, p):
        names = as_list(p.get("GroupName"))
        self.note(id=",".join(names) or None)
        missing = [n for n in names if n not in self.s.groups]
        if missing:
            raise ApiError("Client.InvalidParameterNotFound.SecurityGroup", f"The groupName '{missing[0]}' does not exist.")
        groups = [g for n, g in self.s.groups.items() if not names or n in names]
        shown = [advance(self.s.groups, g) for g in groups]
        return {"SecurityGroupInfo": [self._shown_group(g) for g in shown if g is not None]}

    def _group(self, name, ready=False):
        if name not in self.s.groups:
            raise ApiError("Client.InvalidParameterNotFound.SecurityGroup", f"The groupName '{name}' does not exist.")
        group = self.s.groups[name]
        if ready and group["GroupStatus"] != "applied":
            raise busy("SecurityGroup", name, group["GroupStatus"])
        return group

    @staticmethod
    def _source_groups(p):
        return sorted({g["GroupName"] for r in p.get("IpPermissions", []) for g in r.get("Groups", [])})

    def AuthorizeSecurityGroupIngress(self, p):
        self.note(id=p["GroupName"], name=p["GroupName"], refs=self._source_groups(p))
        group = self._group(p["GroupName"], ready=True)
        have = {rule_identity(r) for r in group["_rules"]}
        new = stored_rules(p)
        for rule in new:
            # A rule the group already has is refused: NIFCLOUD's cloud controller manager treats
            # Client.InvalidParameterDuplicate.SecurityGroup from this call as "already there"
            # (nifcloud/nifcloud-cloud-controller-manager 231d33d, pkg/cloudprovider/providers/
            # nifcloud/nifcloud_elastic_load_balancer.go:411, nifcloud_error_code.go).
            if rule_identity(rule) in have:
                raise ApiError("Client.InvalidParameterDuplicate.SecurityGroup",
                               f"The rule {rule['IpProtocol']} {rule['FromPort']}-{rule['ToPort']} from "
                               f"{(rule.get('IpRanges') or rule.get('Groups'))[0]} is already in group '{p['GroupName']}'.")
            have.add(rule_identity(rule))
        group["_rules"].extend(new)
        lifecycle(group, "GroupStatus", "processing", "applied", GROUP, "AuthorizeSecurityGroupIngress")
        return {"Return": True}

    def RevokeSecurityGroupIngress(self, p):
        self.note(id=p["GroupName"], name=p["GroupName"], refs=self._source_groups(p))
        group = self._group(p["GroupName"], ready=True)
        drop = {rule_identity(r) for r in stored_rules(p)}
        have = {rule_identity(r) for r in group["_rules"]}
        if drop - have:
            # The code terraform-provider-nifcloud treats as "already revoked"
            # (computing/securitygrouprule/delete.go).
            raise ApiError("Client.InvalidParameterNotFound.SecurityGroupIngress",
                           f"A rule to revoke is not in group '{p['GroupName']}': {sorted(drop - have)[0]}")
        group["_rules"] = [r for r in group["_rules"] if rule_identity(r) not in drop]
        lifecycle(group, "GroupStatus", "processing", "applied", GROUP, "RevokeSecurityGroupIngress")
        return {"Return": True}

    def DeleteSecurityGroup(self, p):
        name = p["GroupName"]
        self.note(id=name, name=name)
        group = self._group(name, ready=True)
        gws, instances = self._group_users(name)
        if gws or instances:
            # terraform-provider-nifcloud computing/securitygroup/delete.go retries on this code.
            raise ApiError("Client.Inoperable.SecurityGroup.InUse", f"The groupName '{name}' is in use.")
        lifecycle(group, "GroupStatus", "deleting", None, GROUP, "DeleteSecurityGroup")
        return {"Return": True}

    # Private LANs
    def NiftyCreatePrivateLan(self, p):
        name = p.get("PrivateLanName")
        self.note(name=name)
        if any(l["PrivateLanName"] == name for l in self.s.lans.values()):
            raise ApiError("Client.InvalidParameterDuplicate.PrivateLanName", f"The PrivateLanName '{name}' is already in use.")
        nid = f"net-{next(IDS):08x}"
        self.note(id=nid)
        self.s.lans[nid] = lifecycle({"_key": nid, "NetworkId": nid, "PrivateLanName": name, "CidrBlock": p["CidrBlock"],
                                      "Description": p.get("Description"), "AvailabilityZone": p.get("AvailabilityZone"),
                                      "AccountingType": p.get("AccountingType", "1"), "_instances": []},
                                     "State", "pending", "available", LAN, "NiftyCreatePrivateLan")
        return {"PrivateLan": self._shown_lan(self.s.lans[nid])}

    def _shown_lan(self, lan):
        return {**public(lan), "InstancesSet": lan["_instances"] + self._instances_on_lan(lan["NetworkId"])}

    def _lans(self, p):
        names, ids = as_list(p.get("PrivateLanName")), as_list(p.get("NetworkId"))
        found = [l for l in self.s.lans.values() if (not names or l["PrivateLanName"] in names) and (not ids or l["NetworkId"] in ids)]
        if (names or ids) and not found:
            raise ApiError("Client.InvalidParameterNotFound.PrivateLanName", f"The PrivateLan '{(names + ids)[0]}' does not exist.")
        return found

    def NiftyDescribePrivateLans(self, p):
        lans = [advance(self.s.lans, l) for l in self._lans(p)]
        return {"PrivateLanSet": [self._shown_lan(l) for l in lans if l is not None]}

    def NiftyDeletePrivateLan(self, p):
        self.note(id=p.get("NetworkId"), name=p.get("PrivateLanName"))
        for lan in self._lans({"PrivateLanName": p.get("PrivateLanName"), "NetworkId": p.get("NetworkId")}):
            self.note(id=lan["NetworkId"], name=lan["PrivateLanName"])
            if lan["State"] != "available":
                raise busy("PrivateLan", lan["NetworkId"], lan["State"])
            in_use = self._shown_lan(lan)["InstancesSet"] or any(g["_network"] == lan["NetworkId"] for g in self.s.gateways.values())
            if in_use:
                raise ApiError("Client.ResourceIncorrectState.PrivateLan.InUse", "The private LAN is in use.")
            lifecycle(lan, "State", "deleting", None, LAN, "NiftyDeletePrivateLan")
        return {"Return": True}

    # VPN gateways
    def CreateVpnGateway(self, p):
        name = p.get("NiftyVpnGatewayName")
        net = p.get("NiftyNetwork", {})
        group = first(p.get("SecurityGroup", [""]))
        self.note(name=name, refs=[x for x in (net.get("NetworkId"), group) if x])
        if any(g["NiftyVpnGatewayName"] == name for g in self.s.gateways.values()):
            raise ApiError("Client.InvalidParameterDuplicate.VpnGatewayName", f"The VpnGatewayName '{name}' is already in use.")
        lan = self.s.lans.get(net.get("NetworkId"))
        if lan is None:
            raise ApiError("Client.InvalidParameterNotFound.NetworkId", f"The NetworkId '{net.get('NetworkId')}' does not exist.")
        if lan["State"] != "available":
            raise busy("PrivateLan", lan["NetworkId"], lan["State"])
        self._group(group, ready=True)
        gid = f"vpngw-{next(IDS):08x}"
        self.note(id=gid)
        n = next(IDS)
        self.s.gateways[gid] = lifecycle({
            "_key": gid, "VpnGatewayId": gid, "NiftyVpnGatewayName": name, "NiftyVpnGatewayType": p.get("NiftyVpnGatewayType", "small"),
            "NiftyVpnGatewayDescription": p.get("NiftyVpnGatewayDescription"),
            "AvailabilityZone": p.get("Placement", {}).get("AvailabilityZone"),
            "AccountingType": p.get("AccountingType", "1"), "GroupSet": [{"GroupId": group}],
            "NetworkInterfaceSet": [
                {"NetworkId": "net-COMMON_GLOBAL", "IpAddress": f"203.0.113.{n % 250 + 1}", "DeviceIndex": "0"},
                {"NetworkId": net["NetworkId"], "IpAddress": net.get("IpAddress"), "DeviceIndex": "1"}],
            "_network": net["NetworkId"]}, "State", "pending", "available", GATEWAY, "CreateVpnGateway")
        return {"VpnGateway": public(self.s.gateways[gid])}

    def _gateways(self, p):
        names, ids = as_list(p.get("NiftyVpnGatewayName")), as_list(p.get("VpnGatewayId"))
        found = [g for g in self.s.gateways.values()
                 if (not names or g["NiftyVpnGatewayName"] in names) and (not ids or g["VpnGatewayId"] in ids)]
        if (names or ids) and not found:
            raise ApiError("Client.InvalidParameterNotFound.VpnGatewayId", f"The VpnGateway '{(names + ids)[0]}' does not exist.")
        return found

    def DescribeVpnGateways(self, p):
        return {"VpnGatewaySet": self._describe(self.s.gateways, self._gateways(p))}

    def NiftyModifyVpnGatewayAttribute(self, p):
        self.note(name=p.get("NiftyVpnGatewayName"), refs=[p["Value"]] if p.get("Attribute") == "groupId" else None)
        for g in self._gateways({"NiftyVpnGatewayName": p.get("NiftyVpnGatewayName"), "VpnGatewayId": p.get("VpnGatewayId")}):
            self.note(id=g["VpnGatewayId"], name=g["NiftyVpnGatewayName"])
            if g["State"] != "available":
                raise busy("VpnGateway", g["VpnGatewayId"], g["State"])
            if p.get("Attribute") != "groupId":
                raise ApiError("Client.InvalidParameter.Attribute", f"The fake supports only Attribute=groupId, not {p.get('Attribute')}.")
            self._group(p.get("Value"), ready=True)
            g["GroupSet"] = [{"GroupId": p["Value"]}]
            lifecycle(g, "State", "pending", "available", GATEWAY, "NiftyModifyVpnGatewayAttribute")
        return {"Return": True}

    def DeleteVpnGateway(self, p):
        self.note(id=p.get("VpnGatewayId"), name=p.get("NiftyVpnGatewayName"))
        for g in self._gateways({"NiftyVpnGatewayName": p.get("NiftyVpnGatewayName"), "VpnGatewayId": p.get("VpnGatewayId")}):
            self.note(id=g["VpnGatewayId"], name=g["NiftyVpnGatewayName"], refs=[g["_network"], first(g["GroupSet"])["GroupId"]])
            if g["State"] != "available":
                raise busy("VpnGateway", g["VpnGatewayId"], g["State"])
            if any(c["VpnGatewayId"] == g["VpnGatewayId"] for c in self.s.conns.values()):
                raise ApiError("Client.ResourceIncorrectState.VpnGateway.InUse", "The VPN gateway has connections.")
            lifecycle(g, "State", "deleting", None, GATEWAY, "DeleteVpnGateway")
        return {"Return": True}

    # Customer gateways
    def CreateCustomerGateway(self, p):
        cid = f"cgw-{next(IDS):08x}"
        self.note(id=cid, name=p.get("NiftyCustomerGatewayName"))
        self.s.cgws[cid] = lifecycle({"_key": cid, "CustomerGatewayId": cid, "NiftyCustomerGatewayName": p.get("NiftyCustomerGatewayName"),
                                      "NiftyCustomerGatewayDescription": p.get("NiftyCustomerGatewayDescription"),
                                      "IpAddress": p["IpAddress"], "Type": p.get("Type"),
                                      "NiftyLanSideCidrBlock": p.get("NiftyLanSideCidrBlock")},
                                     "State", "pending", "available", CGW, "CreateCustomerGateway")
        return {"CustomerGateway": public(self.s.cgws[cid])}

    def _cgws(self, p):
        names, ids = as_list(p.get("NiftyCustomerGatewayName")), as_list(p.get("CustomerGatewayId"))
        found = [c for c in self.s.cgws.values()
                 if (not names or c["NiftyCustomerGatewayName"] in names) and (not ids or c["CustomerGatewayId"] in ids)]
        if (names or ids) and not found:
            raise ApiError("Client.InvalidParameterNotFound.CustomerGatewayId", f"The CustomerGateway '{(names + ids)[0]}' does not exist.")
        return found

    def DescribeCustomerGateways(self, p):
        return {"CustomerGatewaySet": self._describe(self.s.cgws, self._cgws(p))}

    def DeleteCustomerGateway(self, p):
        self.note(id=p.get("CustomerGatewayId"), name=p.get("NiftyCustomerGatewayName"))
        for c in self._cgws({"NiftyCustomerGatewayName": p.get("NiftyCustomerGatewayName"), "CustomerGatewayId": p.get("CustomerGatewayId")}):
            self.note(id=c["CustomerGatewayId"], name=c["NiftyCustomerGatewayName"])
            if c["State"] != "available":
                raise busy("CustomerGateway", c["CustomerGatewayId"], c["State"])
            if any(x["CustomerGatewayId"] == c["CustomerGatewayId"] for x in self.s.conns.values()):
                raise ApiError("Client.ResourceIncorrectState.CustomerGateway.InUse", "The customer gateway has connections.")
            lifecycle(c, "State", "deleting", None, CGW, "DeleteCustomerGateway")
        return {"Return": True}

    # VPN connections
    def CreateVpnConnection(self, p):
        self.note(refs=[x for x in (p.get("VpnGatewayId"), p.get("CustomerGatewayId")) if x])
        gw, cgw = self.s.gateways.get(p.get("VpnGatewayId")), self.s.cgws.get(p.get("CustomerGatewayId"))
        if gw is None:
            raise ApiError("Client.InvalidParameterNotFound.VpnGatewayId", "The VpnGatewayId does not exist.")
        if cgw is None:
            raise ApiError("Client.InvalidParameterNotFound.CustomerGatewayId", "The CustomerGatewayId does not exist.")
        for kind, obj, key in (("VpnGateway", gw, "VpnGatewayId"), ("CustomerGateway", cgw, "CustomerGatewayId")):
            if obj["State"] != "available":
                raise busy(kind, obj[key], obj["State"])
        ipsec = p.get("NiftyIpsecConfiguration", {})
        if not ipsec.get("PreSharedKey"):
            raise ApiError("Client.InvalidParameterNotFound.PreSharedKey", "PreSharedKey is required.")
        vid = f"vpn-{next(IDS):08x}"
        self.note(id=vid)
        self.s.conns[vid] = lifecycle({"_key": vid, "VpnConnectionId": vid, "VpnGatewayId": p["VpnGatewayId"],
                                       "CustomerGatewayId": p["CustomerGatewayId"], "Type": p["Type"],
                                       "NiftyIpsecConfiguration": ipsec}, "State", "pending", "available",
                                      CONNECTION, "CreateVpnConnection")
        return {"VpnConnection": public(self.s.conns[vid])}

    def DescribeVpnConnections(self, p):
        shown = self._describe(self.s.conns, self.s.conns.values())
        return {"VpnConnectionSet": [{**c, **telemetry(c["VpnConnectionId"])} for c in shown]}

    def DeleteVpnConnection(self, p):
        vid = p["VpnConnectionId"]
        self.note(id=vid)
        if vid not in self.s.conns:
            raise ApiError("Client.InvalidParameterNotFound.VpnConnectionId", f"The VpnConnectionId '{vid}' does not exist.")
        conn = self.s.conns[vid]
        self.note(refs=[conn["VpnGatewayId"], conn["CustomerGatewayId"]])
        if conn["State"] != "available":
            raise busy("VpnConnection", vid, conn["State"])
        lifecycle(conn, "State", "deleting", None, CONNECTION, "DeleteVpnConnection")
        return {"Return": True}

    # Test endpoints
    def seed(self, spec):
        """Objects someone else made before the stack ran: groups (rules in any request form are
        stored as the API stores them), LANs, and server instances in a group and on LANs."""
        for g in spec.get("groups", []):
            rules = stored_rules({"IpPermissions": [{**r, "Groups": r.get("Groups", []), "IpRanges": r.get("IpRanges", r.get("ListOfRequestIpRanges", []))}
                                                    for r in g.get("IpPermissions", [])]})
            self.s.groups[g["GroupName"]] = {"_key": g["GroupName"], "GroupStatus": "applied", "GroupDescription": "",
                                             **{k: v for k, v in g.items() if k not in ("IpPermissions", "InstancesSet")},
                                             "_rules": rules, "_instances": g.get("InstancesSet", [])}
        for l in spec.get("lans", []):
            self.s.lans[l["NetworkId"]] = {"_key": l["NetworkId"], "State": "available",
                                           **{k: v for k, v in l.items() if k != "InstancesSet"}, "_instances": l.get("InstancesSet", [])}
        for i in spec.get("instances", []):
            self.s.instances[i["InstanceId"]] = {"InstanceState": {"Name": "running"}, **i}
        return {"seeded": True}

    def add_fault(self, spec):
        self.faults.append({"skip": 0, "times": 1, "code": "Server.InternalError", "status": 500,
                            "message": "injected failure", "armed": "after" not in spec, **spec})
        return {"faults": len(self.faults)}

    def check_fault(self, action):
        """Raises the first armed fault for `action` whose skips are used up."""
        for fault in self.faults:
            if fault["action"] != action or not fault["armed"] or fault["times"] <= 0:
                continue
            if fault["skip"] > 0:
                fault["skip"] -= 1
                continue
            fault["times"] -= 1
            raise ApiError(fault["code"], fault["message"], int(fault["status"]))

    def arm_faults(self, action):
        for fault in self.faults:
            if fault.get("after") == action:
                fault["armed"] = True

    def state(self):
        """Every object as the describes show it, without advancing any transient state."""
        conns = [{**public(c), "NiftyIpsecConfiguration": {**c["NiftyIpsecConfiguration"], "PreSharedKey": REDACTED},
                  "PreSharedKeySha256": key_fingerprint(c["NiftyIpsecConfiguration"].get("PreSharedKey"))}
                 for c in self.s.conns.values()]
        return {"securityGroups": [self._shown_group(g) for g in self.s.groups.values()],
                "privateLans": [self._shown_lan(l) for l in self.s.lans.values()],
                "vpnGateways": [public(g) for g in self.s.gateways.values()],
                "customerGateways": [public(c) for c in self.s.cgws.values()],
                "vpnConnections": conns,
                "instances": list(self.s.instances.values())}


API = Api()


def key_fingerprint(key):
    """The one form in which a stand-in keeps a pre-shared key outside memory: the hex SHA-256 of its UTF-8 bytes
    (tests/rehearsal/plugins/clouds/shared/keyFingerprint.ts), which the rehearsal's data plane compares."""
    return hashlib.sha256(key.encode()).hexdigest() if isinstance(key, str) and key else None


def telemetry(connection_id):
    """The tunnel's status (VgwTelemetry: OutsideIpAddress, Status UP/DOWN, StatusMessage, as the service model's
    DescribeVpnConnections output has it) as the rehearsal's data plane last found it in
    $REHEARSAL_HOME/network.json; nothing outside a rehearsal or before the data plane has run."""
    home = os.environ.get("REHEARSAL_HOME")
    path = os.path.join(home, "network.json") if home else None
    if not path or not os.path.exists(path):
        return {}
    try:
        found = json.load(open(path)).get("clouds", {}).get("nifcloud", {}).get("vpnConnections", {}).get(connection_id)
    except ValueError:
        return {}
    if not found:
        return {}
    return {"VgwTelemetry": [{"OutsideIpAddress": found.get("outsideIpAddress"), "Status": found["status"],
                              "StatusMessage": found.get("message", ""), "AcceptedRouteCount": 0}]}


def redacted(params):
    """Request parameters with the pre-shared key replaced, for every log this stand-in writes."""
    ipsec = params.get("NiftyIpsecConfiguration")
    if isinstance(ipsec, dict) and "PreSharedKey" in ipsec:
        return {**params, "NiftyIpsecConfiguration": {**ipsec, "PreSharedKey": REDACTED}}
    return params


def record_operation(op):
    """One line of the rehearsal's operation log, appended in one write (O_APPEND)."""
    if not OPS_LOG:
        return
    line = (json.dumps(op) + "\n").encode()
    fd = os.open(OPS_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


class Handler(BaseHTTPRequestHandler):
    log_path = None

    keys_path = None

    def do_GET(self):
        if self.path == "/_state":
            with LOCK:
                return self.reply(200, json.dumps(API.state()), "application/json")
        self.reply(404, "not found", "text/plain")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        if self.path in ("/_seed", "/_fail"):
            with LOCK:
                result = API.seed(json.loads(body)) if self.path == "/_seed" else API.add_fault(json.loads(body))
            return self.reply(200, json.dumps(result), "application/json")
        start = int(time.time() * 1000)
        flat = dict(parse_qsl(body, keep_blank_values=True))
        action = flat.pop("Action", "")
        key = flat.get("AccessKeyId", "")
        for k in ("Version", "AccessKeyId", "SignatureMethod", "SignatureVersion", "Signature", "Timestamp"):
            flat.pop(k, None)
        params = nest(flat)
        error = None
        with LOCK:
            API.op = {"type": TYPE_OF.get(action, "nifcloud:" + action)}
            try:
                if os.path.exists(self.keys_path) and key not in open(self.keys_path).read().split():
                    raise ApiError("Client.SignatureDoesNotMatch", "The access key is not valid.", 401)
                if not hasattr(Api, action) or action.startswith("_") or not action[0].isupper():
                    raise ApiError("Client.InvalidAction", f"Action {action} is not supported by the fake.")
                API.check_fault(action)
                result = getattr(API, action)(params)
                API.arm_faults(action)
                shape = MODEL["operations"][action]["output"]["shape"]
                xml = render(shape, {"RequestId": str(uuid.uuid4()), **result})
                status, reply = 200, f'<{action}Response xmlns="{MODEL["metadata"]["xmlNamespace"]}">{xml}</{action}Response>'
            except ApiError as e:
                error = e.code
                status, reply = e.status, f"<Response><Errors><Error><Code>{e.code}</Code><Message>{escape(e.message)}</Message></Error></Errors><RequestID>x</RequestID></Response>"
            op = API.op
        with open(self.log_path, "a") as log:
            log.write(json.dumps({"action": action, "params": redacted(params), "key": key, "error": error}) + "\n")
        record_operation({"start": start, "end": int(time.time() * 1000), "cloud": "nifcloud", "op": action, **op,
                          "ok": error is None, "error": error, "by": "stand-in:nifcloud"})
        self.reply(status, reply)

    def reply(self, status, text, content_type="text/xml"):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    port_file, log_path = sys.argv[1], sys.argv[2]
    Handler.log_path = log_path
    Handler.keys_path = os.path.join(os.path.dirname(os.path.abspath(port_file)), "keys")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # HTTPS when given a certificate, as the real endpoint (the stack accepts only https:// URLs).
    if os.environ.get("FAKE_NIFCLOUD_TLS_CERT"):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.environ["FAKE_NIFCLOUD_TLS_CERT"], os.environ["FAKE_NIFCLOUD_TLS_KEY"])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
